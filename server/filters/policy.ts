import type { FilterAction, FilterPolicy } from "../../client-sdk/src/protocol.ts";
import type { FilterHit, Hit } from "./types.ts";

/**
 * A tenant's policy applied to one message's filter hits (SPEC §12, §6.2): each hit gets its
 * category's action (a category left out follows `onHit`), or `allow` below the category's
 * minimum severity; allowed hits are dropped, and the message gets the strongest action of the
 * rest (reject, then shadow, then hold: a shadow must not be told to its author by a hold).
 *
 * @example
 *   decide(hits, { onHit: "hold", policy: { profanity: "allow", threat: "reject" } });
 *   // { action: "reject", hits: [the threat] } for "merde, je vais te tuer"
 */

export type OnHit = "hold" | "shadow" | "reject";

/** What the tenant does with hits, as it stands (config plus managers' edits). */
export interface FilterSettingsInForce { readonly onHit: OnHit; readonly policy: FilterPolicy }

const STRENGTH: Record<FilterAction, number> = { allow: 0, hold: 1, shadow: 2, reject: 3 };

export interface Decision {
  /** undefined when every hit is allowed (or there were none): the message is delivered as usual. */
  action: OnHit | undefined;
  /** The hits that count, in their order. */
  hits: FilterHit[];
}

export function decide(hits: readonly Hit[], settings: FilterSettingsInForce): Decision {
  if (hits.length === 0) return { action: undefined, hits: [] };
  const { onHit, policy } = settings;
  let best: FilterAction = "allow";
  const kept: FilterHit[] = [];
  for (const h of hits) {
    // The brand's hook decides for itself (SPEC §8.2), outside the policy.
    if (h.kind === "hook") continue;
    const min = policy.minSeverity?.[h.category] ?? 1;
    const action: FilterAction = h.severity < min ? "allow" : (policy[h.category] ?? onHit);
    if (action === "allow") continue;
    kept.push(h);
    if (STRENGTH[action] > STRENGTH[best]) best = action;
  }
  return { action: best === "allow" ? undefined : best, hits: kept };
}
