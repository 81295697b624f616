import { PerTenant } from "../per-tenant.ts";
import { NEWCOMER_MEMORY, type NewcomerStore } from "./newcomer-store.ts";

/** The embedded counts: a Map per tenant (insertion order, the oldest poster forgotten first), and the trusted ids. */
export class MemoryNewcomerStore implements NewcomerStore {
  private readonly data = new PerTenant(() => ({ posts: new Map<string, number>(), trusted: new Set<string>() }));

  countPost(tenant: string, userId: string): number {
    const { posts, trusted } = this.data.of(tenant);
    if (trusted.has(userId)) return Infinity;
    const n = (posts.get(userId) ?? 0) + 1;
    // Re-inserted so the forgetting below drops the longest silent, not the oldest regular.
    posts.delete(userId);
    posts.set(userId, n);
    if (posts.size > NEWCOMER_MEMORY.users) posts.delete(posts.keys().next().value!);
    return n;
  }

  async trust(tenant: string, userId: string) { this.data.of(tenant).trusted.add(userId); }
  async isTrusted(tenant: string, userId: string) { return this.data.of(tenant).trusted.has(userId); }
  async forgetUser(tenant: string, userId: string) {
    const { posts, trusted } = this.data.of(tenant);
    posts.delete(userId);
    trusted.delete(userId);
  }
}
