/** Deterministic pseudo-words (and some two-word phrases) to stand for a large tenant lexicon. */
export function syntheticTerms(count: number, seed = 42): string[] {
  let x = seed >>> 0;
  const rand = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const syllables = ["ka", "zo", "ri", "mu", "te", "plo", "van", "gre", "shi", "dor", "lux", "nia", "qu", "bre", "sto"];
  const word = () => {
    let w = "";
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    return w;
  };
  const out = new Set<string>();
  while (out.size < count) out.add(rand() < 0.1 ? `${word()} ${word()}` : word());
  return [...out];
}
