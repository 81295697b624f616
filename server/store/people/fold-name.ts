/**
 * A name as people search for it: accents dropped, case folded, runs of spaces made one, so
 * "élodie", "ELODIE" and "Élodie " find the same person. Both people stores index and compare
 * this form, and the search query is folded the same way.
 */
export function foldName(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}
