import { beforeEach, describe, expect, it } from "vitest";
import type { Alert } from "../../../client-sdk/src/protocol.ts";
import { ALERTS_KEPT } from "../../../server/store/alerts/alert-store.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, alice, mod, T0 } from "./fixtures.ts";

/** The alerts port: kept until acknowledged, once, bounded per tenant. */
export function alertContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });
  const alert = (n: number, over: Partial<Alert> = {}): Alert => ({ id: `al-${n}`, room: "faq", note: `look ${n}`, by: mod, at: T0 + n, ...over });

  describe("alerts", () => {
    it("keeps alerts newest first, filters open and acknowledged, acknowledges once", async () => {
      await stores.alerts.addAlert(A, alert(1));
      await stores.alerts.addAlert(A, alert(2, { kind: "raid", by: { id: "system", name: "Causette" }, raid: { messagesPerMin: 400, joinsPerMin: 3, limits: { messagesPerMin: 300, joinsPerMin: 300 }, shieldUntil: T0 + 600_000 } }));
      expect((await stores.alerts.listAlerts(A, { limit: 10 })).map((a) => a.id)).toStrictEqual(["al-2", "al-1"]);
      const first = await stores.alerts.ackAlert(A, "al-1", alice, T0 + 10);
      expect(first).toStrictEqual({ alert: { ...alert(1), ackedBy: alice, ackedAt: T0 + 10 }, acked: true });
      // A second manager's acknowledgement changes nothing and says who was first.
      expect(await stores.alerts.ackAlert(A, "al-1", mod, T0 + 20)).toStrictEqual({ alert: first!.alert, acked: false });
      expect((await stores.alerts.listAlerts(A, { status: "open", limit: 10 })).map((a) => a.id)).toStrictEqual(["al-2"]);
      expect(await stores.alerts.listAlerts(A, { status: "acked", limit: 10 })).toStrictEqual([first!.alert]);
      expect((await stores.alerts.listAlerts(A, { limit: 1 })).map((a) => a.id)).toStrictEqual(["al-2"]);
      expect((await stores.alerts.listAlerts(A, { limit: 10 }))[0]!.raid?.messagesPerMin).toBe(400);
      expect(await stores.alerts.ackAlert(A, "al-404", alice, T0)).toBeNull();
      // Another tenant sees none of it and cannot acknowledge it.
      expect(await stores.alerts.listAlerts(B, { limit: 10 })).toStrictEqual([]);
      expect(await stores.alerts.ackAlert(B, "al-2", alice, T0)).toBeNull();
    });

    it("keeps at most ALERTS_KEPT per tenant, dropping the oldest", async () => {
      for (let n = 0; n < ALERTS_KEPT + 5; n++) await stores.alerts.addAlert(A, alert(n));
      const all = await stores.alerts.listAlerts(A, { limit: ALERTS_KEPT + 10 });
      expect(all.length).toBe(ALERTS_KEPT);
      expect(all.at(-1)!.id).toBe("al-5");
      expect(await stores.alerts.ackAlert(A, "al-0", alice, T0)).toBeNull();
    });
  });
}
