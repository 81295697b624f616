import { beforeEach, describe, expect, it } from "vitest";
import type { Delivery } from "../../../server/store/outbox/outbox-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, T0 } from "./fixtures.ts";

let n = 0;
/** Ids sort by creation time, as the outbox writer's do. */
const delivery = (over: Partial<Delivery> = {}): Delivery & { body: string } => {
  n += 1;
  return { id: `msg_${String(T0 + n).padStart(15, "0")}`, type: "user.banned", endpointId: "ep1", status: "pending", attempts: 0, createdAt: T0 + n, nextAttemptAt: T0 + n, body: `{"n":${n}}`, ...over };
};

/** The outbox port: leases make a delivery one claimer's at a time, settlements need the lease, settled ones are listed. */
export function outboxContract(current: () => Stores): void {
  let stores: Stores;
  // Each test has fresh stores, so ids and times start again at T0 (the counter is this module's,
  // shared by every store's contract when test files share a worker).
  beforeEach(() => { stores = current(); n = 0; });

  describe("outbox", () => {
    it("claims due deliveries of one endpoint once, with their body, and counts the attempt", async () => {
      const d1 = delivery(), d2 = delivery(), other = delivery({ endpointId: "ep2" });
      await stores.outbox.enqueue(A, [d1, d2, other]);
      const first = await stores.outbox.claim(A, "ep1", T0 + 100, 10, 1000);
      expect(first.map((d) => [d.id, d.body, d.attempts])).toStrictEqual([[d1.id, d1.body, 1], [d2.id, d2.body, 1]]);
      // Held by the first claimer: nobody else gets them while the lease runs.
      expect(await stores.outbox.claim(A, "ep1", T0 + 500, 10, 1000)).toStrictEqual([]);
      expect((await stores.outbox.claim(A, "ep2", T0 + 100, 10, 1000)).map((d) => d.id)).toStrictEqual([other.id]);
      // Nothing of another tenant.
      expect(await stores.outbox.claim(B, "ep1", T0 + 100, 10, 1000)).toStrictEqual([]);
    });

    it("a lease that runs out (a crashed node) makes the delivery due for the next claimer; the old lease settles nothing", async () => {
      const d = delivery();
      await stores.outbox.enqueue(A, [d]);
      const [held] = await stores.outbox.claim(A, "ep1", T0 + 10, 1, 1000);
      const [again] = await stores.outbox.claim(A, "ep1", T0 + 2000, 1, 1000);
      expect(again?.id).toBe(d.id);
      expect(again?.attempts).toBe(2);
      expect(await stores.outbox.settle(A, d.id, held!.lease, { status: "delivered" }, T0 + 2001)).toBe(false);
      expect(await stores.outbox.settle(A, d.id, again!.lease, { status: "delivered" }, T0 + 2002)).toBe(true);
      expect(await stores.outbox.settle(A, d.id, again!.lease, { status: "delivered" }, T0 + 2003)).toBe(false);
      const [listed] = (await stores.outbox.list(A, 10)).deliveries;
      expect(listed).toMatchObject({ id: d.id, status: "delivered", attempts: 2, settledAt: T0 + 2002 });
      expect(listed?.nextAttemptAt).toBeUndefined();
    });

    it("a retry comes due at its time with its last error; a failure is final", async () => {
      const d = delivery(), e = delivery();
      await stores.outbox.enqueue(A, [d, e]);
      const claimed = await stores.outbox.claim(A, "ep1", T0 + 10, 2, 1000);
      await stores.outbox.settle(A, d.id, claimed[0]!.lease, { status: "pending", nextAttemptAt: T0 + 5000, lastError: "HTTP 500" }, T0 + 20);
      await stores.outbox.settle(A, e.id, claimed[1]!.lease, { status: "failed", lastError: "HTTP 410" }, T0 + 20);
      const byId = Object.fromEntries((await stores.outbox.list(A, 10)).deliveries.map((x) => [x.id, x]));
      expect(byId[d.id]).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500", nextAttemptAt: T0 + 5000 });
      expect(byId[e.id]).toMatchObject({ status: "failed", lastError: "HTTP 410" });
      expect(await stores.outbox.claim(A, "ep1", T0 + 4999, 10, 1000)).toStrictEqual([]);
      expect((await stores.outbox.claim(A, "ep1", T0 + 5000, 10, 1000)).map((x) => x.id)).toStrictEqual([d.id]);
    });

    it("expedite brings an endpoint's waiting deliveries forward; abandon fails them", async () => {
      const d = delivery(), e = delivery();
      await stores.outbox.enqueue(A, [d, e]);
      for (const c of await stores.outbox.claim(A, "ep1", T0 + 10, 2, 1000)) {
        await stores.outbox.settle(A, c.id, c.lease, { status: "pending", nextAttemptAt: T0 + 60_000, lastError: "down" }, T0 + 20);
      }
      expect(await stores.outbox.expedite(A, "ep1", T0 + 30)).toBe(2);
      expect((await stores.outbox.claim(A, "ep1", T0 + 30, 1, 1000)).map((x) => x.id)).toStrictEqual([d.id]);
      expect(await stores.outbox.abandon(A, "ep1", "endpoint removed", T0 + 40)).toBe(1);
      const byId = Object.fromEntries((await stores.outbox.list(A, 10)).deliveries.map((x) => [x.id, x]));
      expect(byId[e.id]).toMatchObject({ status: "failed", lastError: "endpoint removed" });
      expect(byId[d.id]?.status).toBe("pending");
    });

    it("lists newest first, page by page", async () => {
      const ds = Array.from({ length: 5 }, () => delivery());
      await stores.outbox.enqueue(A, ds);
      const p1 = await stores.outbox.list(A, 2);
      expect(p1.deliveries.map((d) => d.id)).toStrictEqual([ds[4]!.id, ds[3]!.id]);
      const p2 = await stores.outbox.list(A, 2, p1.cursor);
      expect(p2.deliveries.map((d) => d.id)).toStrictEqual([ds[2]!.id, ds[1]!.id]);
      const p3 = await stores.outbox.list(A, 2, p2.cursor);
      expect(p3).toStrictEqual({ deliveries: [expect.objectContaining({ id: ds[0]!.id })] });
      expect((await stores.outbox.list(B, 10)).deliveries).toStrictEqual([]);
    });

    it("two claimers racing for the same deliveries never both get one", async () => {
      const ds = Array.from({ length: 20 }, () => delivery());
      await stores.outbox.enqueue(A, ds);
      const got = (await Promise.all(Array.from({ length: 6 }, () => stores.outbox.claim(A, "ep1", T0 + 100, 5, 10_000)))).flat().map((d) => d.id);
      expect(got.length).toBe(20);
      expect(new Set(got).size).toBe(20);
    });
  });

  describe("webhook endpoints", () => {
    it("is null until saved, then the whole list with a version bumped per save", async () => {
      expect(await stores.webhookEndpoints.getEndpoints(A)).toBeNull();
      const e = { id: "ep1", url: "https://hooks.example/x", events: ["*"], secret: "whsec_abc" };
      expect(await stores.webhookEndpoints.setEndpoints(A, [e])).toStrictEqual({ endpoints: [e], version: 1 });
      expect(await stores.webhookEndpoints.setEndpoints(A, [])).toStrictEqual({ endpoints: [], version: 2 });
      expect(await stores.webhookEndpoints.getEndpoints(A)).toStrictEqual({ endpoints: [], version: 2 });
      expect(await stores.webhookEndpoints.getEndpoints(B)).toBeNull();
    });
  });
}
