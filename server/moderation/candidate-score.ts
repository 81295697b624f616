import type { UserCounter } from "../store/people/people-store.ts";

/**
 * How strongly a regular member is worth inviting as a moderator (SPEC §6.3), from their counters:
 *
 *   score = min(messages, 200) × 0.5      participation, capped so volume alone cannot win
 *         + helpfulReceived × 3           answer quality as other members judged it
 *         + flagsUpheld × 2               good judgement already shown when flagging
 *         − flagsOverturned × 2           flags managers disagreed with
 *         − held × 1                      messages the filters stopped
 *         − removed × 10                  messages managers removed: "nothing removed" matters most
 *
 * Rounded to one decimal and never below zero, so the ranking reads naturally in the back office.
 */
export function candidateScore(c: Readonly<Record<UserCounter, number>>): number {
  const raw = Math.min(c.messages, 200) * 0.5 + c.helpfulReceived * 3 + c.flagsUpheld * 2
    - c.flagsOverturned * 2 - c.held - c.removed * 10;
  return Math.max(0, Math.round(raw * 10) / 10);
}
