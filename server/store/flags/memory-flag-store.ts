import type { Flag } from "../../../client-sdk/src/protocol.ts";
import type { MemoryMessageStore } from "../messages/memory-message-store.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { anonymousFlag, type FlagStore } from "./flag-store.ts";

/**
 * The embedded flags, per message. Adding a flag and hiding its message happen in one synchronous
 * step through the memory message half; the flags go when their message is forgotten (`forget`).
 */
export class MemoryFlagStore implements FlagStore {
  private readonly data = new PerTenant(() => ({
    flags: new Map<string, Flag[]>(),
    /** How many of a message's flags (the oldest) stopped counting towards hiding at its last resetFlagCount. */
    spent: new Map<string, number>(),
  }));

  constructor(private readonly messages: MemoryMessageStore) {}

  async addFlag(tenant: string, messageId: string, flag: Flag, rule: { reportsToHide: number; hideNow: boolean }) {
    const m = this.messages.read(tenant, messageId);
    if (!m) return null;
    const d = this.data.of(tenant);
    const list = d.flags.get(messageId) ?? [];
    const added = !list.some((f) => f.by.id === flag.by.id);
    if (added) list.push(copy(flag));
    d.flags.set(messageId, list);
    const count = list.length - (d.spent.get(messageId) ?? 0);
    let hiddenNow = false;
    if (added && m.status === "visible" && (rule.hideNow || count >= rule.reportsToHide)) {
      m.status = "hidden";
      this.messages.rewrite(tenant, m);
      hiddenNow = true;
    }
    return { added, count, hiddenNow, message: m };
  }

  async getFlags(tenant: string, messageId: string, opts?: { sinceReset?: boolean }) {
    const d = this.data.of(tenant);
    const list = d.flags.get(messageId) ?? [];
    return copy(opts?.sinceReset ? list.slice(d.spent.get(messageId) ?? 0) : list);
  }

  async resetFlagCount(tenant: string, messageId: string) {
    if (!this.messages.has(tenant, messageId)) return [];
    const d = this.data.of(tenant);
    const list = d.flags.get(messageId) ?? [];
    const counted = list.slice(d.spent.get(messageId) ?? 0);
    d.spent.set(messageId, list.length);
    return copy(counted);
  }

  async flagsBy(tenant: string, userId: string) {
    const out: { messageId: string; flag: Flag }[] = [];
    for (const [messageId, list] of this.data.of(tenant).flags) for (const f of list) if (f.by.id === userId) out.push({ messageId, flag: copy(f) });
    return out;
  }

  async forgetFlagger(tenant: string, userId: string) {
    let n = 0;
    for (const list of this.data.of(tenant).flags.values()) {
      list.forEach((f, i) => { if (f.by.id === userId) { list[i] = anonymousFlag(f); n++; } });
    }
    return n;
  }

  /** The message was forgotten: its flags go with it. */
  forget(tenant: string, messageId: string): void {
    const d = this.data.of(tenant);
    d.flags.delete(messageId);
    d.spent.delete(messageId);
  }
}
