import { bucketStart, postCounters } from "./dashboard-counters.ts";
import type { PostRecord } from "./stats-store.ts";

/** One room counter of one minute, summed over posts: `at` is the latest post's time. */
export interface MinuteCount { room: string; field: "messages" | "held"; at: number; n: number }
/** One room's dashboard counters of one minute (and so of its hour), summed over posts. */
export interface DashCount { room: string; at: number; counts: Map<string, number> }
/** One author's posts, and how many of them were held. */
export interface AuthorCount { messages: number; held: number }

/**
 * The posts one tenant received since the last flush, summed into what the stats store writes:
 * one write per room minute, dashboard bucket and author instead of one round trip per post
 * (SPEC §11: a shared store's round trips are the cluster's CPU). Summing loses nothing the
 * per-post writes kept: every figure is a count or a latest time.
 */
export class PostTally {
  /** Room -> its latest post (the rooms' activity index). */
  readonly rooms = new Map<string, number>();
  readonly minutes = new Map<string, MinuteCount>();
  readonly dash = new Map<string, DashCount>();
  readonly authors = new Map<string, AuthorCount>();
  size = 0;

  add(post: PostRecord): void {
    this.size++;
    const { room, at } = post;
    if (!(this.rooms.get(room)! >= at)) this.rooms.set(room, at);
    const minute = bucketStart(at, "minute");
    this.countMinute(room, minute, "messages", at);
    if (post.held) this.countMinute(room, minute, "held", at);
    const dk = `${minute}\u0000${room}`;
    let d = this.dash.get(dk);
    if (!d) this.dash.set(dk, (d = { room, at, counts: new Map() }));
    d.at = Math.max(d.at, at);
    for (const name of postCounters(post)) d.counts.set(name, (d.counts.get(name) ?? 0) + 1);
    let a = this.authors.get(post.userId);
    if (!a) this.authors.set(post.userId, (a = { messages: 0, held: 0 }));
    a.messages++;
    if (post.held) a.held++;
  }

  private countMinute(room: string, minute: number, field: "messages" | "held", at: number): void {
    const k = `${minute}\u0000${field}\u0000${room}`;
    const c = this.minutes.get(k);
    if (c) {
      c.n++;
      if (at > c.at) c.at = at;
    } else {
      this.minutes.set(k, { room, field, at, n: 1 });
    }
  }
}

/** Counter names listed as often as they count (a decision's list), as name -> count. */
export function tallyNames(names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of names) out.set(n, (out.get(n) ?? 0) + 1);
  return out;
}
