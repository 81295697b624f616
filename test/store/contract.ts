import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../../server/store/stores.ts";
import { alertContract } from "./contract/alerts.ts";
import { appealContract } from "./contract/appeals.ts";
import { auditContract } from "./contract/audit.ts";
import { clusterBusContract } from "./contract/bus.ts";
import { evasionContract } from "./contract/evasion.ts";
import { filterEditContract } from "./contract/filter-edits.ts";
import { flagContract } from "./contract/flags.ts";
import { limitContract } from "./contract/limits.ts";
import { messageContract } from "./contract/messages.ts";
import { newcomerContract } from "./contract/newcomers.ts";
import { noticeContract } from "./contract/notices.ts";
import { outboxContract } from "./contract/outbox.ts";
import { peopleContract } from "./contract/people.ts";
import { personalDataContract } from "./contract/personal-data.ts";
import { presenceContract } from "./contract/presence.ts";
import { raidContract } from "./contract/raids.ts";
import { reviewQueueContract } from "./contract/queue.ts";
import { restrictionContract } from "./contract/restrictions.ts";
import { reportContract } from "./contract/reports.ts";
import { roomContract } from "./contract/rooms.ts";
import { sanctionContract } from "./contract/sanctions.ts";
import { statsContract } from "./contract/stats.ts";
import { tenantIsolationContract } from "./contract/tenants.ts";

export type MakeStores = () => Promise<{ stores: Stores; cleanup: () => Promise<void> }>;

/**
 * The behaviour every backend's ports must show, run against each implementation (as socket.io's
 * redis adapter runs one suite against several Redis setups), one file per port under contract/.
 * `make` gives fresh, empty stores per test.
 */
export function storeContract(name: string, make: MakeStores): void {
  describe(`Store contract: ${name}`, () => {
    let stores: Stores;
    let cleanup: () => Promise<void>;
    beforeEach(async () => { ({ stores, cleanup } = await make()); });
    afterEach(async () => { await cleanup(); });
    const current = () => stores;

    it("answers ping", async () => {
      expect(await stores.ping()).toBe(true);
    });

    clusterBusContract(current);
    roomContract(current);
    messageContract(current);
    flagContract(current);
    reviewQueueContract(current);
    sanctionContract(current);
    peopleContract(current);
    auditContract(current);
    filterEditContract(current);
    statsContract(current);
    presenceContract(current);
    limitContract(current);
    outboxContract(current);
    tenantIsolationContract(current);
    alertContract(current);
    newcomerContract(current);
    evasionContract(current);
    raidContract(current);
    noticeContract(current);
    appealContract(current);
    restrictionContract(current);
    reportContract(current);
    personalDataContract(current);
  });
}
