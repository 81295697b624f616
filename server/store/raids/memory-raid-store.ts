import { PerTenant } from "../per-tenant.ts";
import { SLOT_MS, SLOTS, type RaidStore, type RoomRates } from "./raid-store.ts";

/** Rooms counted at once per tenant before idle ones (nothing for a minute) are swept out. */
const SWEEP_AT = 10_000;

interface Ring { slot: Float64Array; messages: Int32Array; joins: Int32Array; last: number }

/** The embedded rates: per room, a ring of 12 five-second slots of each kind; claims as expiry times. */
export class MemoryRaidStore implements RaidStore {
  private readonly data = new PerTenant(() => ({ rings: new Map<string, Ring>(), claims: new Map<string, number>() }));

  count(tenant: string, room: string, kind: "message" | "join", now: number): RoomRates {
    const { rings } = this.data.of(tenant);
    let ring = rings.get(room);
    if (!ring) {
      if (rings.size >= SWEEP_AT) sweep(rings, now);
      ring = { slot: new Float64Array(SLOTS).fill(-1), messages: new Int32Array(SLOTS), joins: new Int32Array(SLOTS), last: now };
      rings.set(room, ring);
    }
    ring.last = now;
    const cur = Math.floor(now / SLOT_MS);
    const i = cur % SLOTS;
    if (ring.slot[i] !== cur) { ring.slot[i] = cur; ring.messages[i] = 0; ring.joins[i] = 0; }
    (kind === "message" ? ring.messages : ring.joins)[i]! += 1;
    let messages = 0, joins = 0;
    for (let k = 0; k < SLOTS; k++) {
      if (ring.slot[k]! > cur - SLOTS) { messages += ring.messages[k]!; joins += ring.joins[k]!; }
    }
    return { messages, joins };
  }

  async claim(tenant: string, room: string, ms: number, now: number) {
    const { claims } = this.data.of(tenant);
    if ((claims.get(room) ?? 0) > now) return false;
    claims.set(room, now + ms);
    return true;
  }

  async release(tenant: string, room: string) { this.data.of(tenant).claims.delete(room); }
}

function sweep(rings: Map<string, Ring>, now: number): void {
  for (const [room, r] of rings) if (r.last < now - SLOTS * SLOT_MS) rings.delete(room);
}
