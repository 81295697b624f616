import { beforeEach, describe, expect, it } from "vitest";
import type { ClusterEvent } from "../../../server/store/bus/cluster-bus.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { until } from "../../support/wait.ts";
import { A } from "./fixtures.ts";

/** The cluster bus: the shared secret, and events to every subscriber. */
export function clusterBusContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  it("hands every caller the first shared secret ever offered", async () => {
    const first = await stores.bus.sharedSecret("guest-token", "first-candidate");
    const again = await stores.bus.sharedSecret("guest-token", "second-candidate");
    expect(first).toBe("first-candidate");
    expect(again).toBe("first-candidate");
    expect(await stores.bus.sharedSecret("other-secret", "x")).toBe("x");
  });

  describe("cluster events", () => {
    it("delivers published events to subscribers, including this node, until unsubscribed", async () => {
      const a: ClusterEvent[] = [];
      const b: ClusterEvent[] = [];
      const offA = stores.bus.subscribe((e) => a.push(e));
      stores.bus.subscribe((e) => b.push(e));
      const ev: ClusterEvent = { type: "room:changed", tenant: A, room: "a:b" };
      // Re-publish until seen: a fresh subscription may take a moment to reach the backend.
      await until(async () => { await stores.bus.publish(ev); return a.length > 0; }, 5000, 50);
      expect(a[0]).toStrictEqual(ev);
      offA();
      const seenByA = a.length;
      const last: ClusterEvent = { type: "filters:changed", tenant: A, version: 9 };
      await stores.bus.publish(last);
      await until(() => b.some((e) => e.type === "filters:changed"));
      expect(a).toHaveLength(seenByA);
    });
  });
}
