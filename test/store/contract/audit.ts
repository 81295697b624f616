import { beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";
import type { Stores } from "../../../server/store/stores.ts";
import { A, B, FOREIGN_CURSORS, mod, T0 } from "./fixtures.ts";

/** The audit port: newest first, cursors that neither repeat nor skip, foreign cursors refused. */
export function auditContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("audit", () => {
    it("lists newest first with cursors until exhausted", async () => {
      const entries: AuditEntry[] = Array.from({ length: 7 }, (_, i) => ({
        id: `a${i}`, at: T0 + i, actor: i % 2 ? mod : { id: "system" }, action: "message.hide", target: { messageId: `m${i}`, n: i },
        ...(i === 3 ? { reason: "too rude" } : {}),
      }));
      for (const e of entries) await stores.audit.appendAudit(A, e);
      const newestFirst = [...entries].reverse();
      expect(await stores.audit.listAudit(A, 100)).toStrictEqual({ entries: newestFirst });
      const got: AuditEntry[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 4; i++) {
        const page = await stores.audit.listAudit(A, 3, cursor);
        got.push(...page.entries);
        cursor = page.cursor;
        if (!cursor) break;
      }
      expect(got).toStrictEqual(newestFirst);
      expect(cursor).toBeUndefined();
      expect(await stores.audit.listAudit(B, 10)).toStrictEqual({ entries: [] });
    });

    it("pages on without repeats when entries are appended meanwhile", async () => {
      const at = (i: number): AuditEntry => ({ id: `a${i}`, at: T0 + i, actor: { id: "system" }, action: "x", target: {} });
      for (let i = 0; i < 4; i++) await stores.audit.appendAudit(A, at(i));
      const first = await stores.audit.listAudit(A, 2);
      expect(first.entries.map((e) => e.id)).toStrictEqual(["a3", "a2"]);
      await stores.audit.appendAudit(A, at(4));
      await stores.audit.appendAudit(A, at(5));
      const next = await stores.audit.listAudit(A, 2, first.cursor);
      expect(next.entries.map((e) => e.id)).toStrictEqual(["a1", "a0"]);
      expect(next).not.toHaveProperty("cursor");
    });

    it("refuses a cursor it did not issue instead of restarting at the newest entry", async () => {
      for (let i = 0; i < 3; i++) await stores.audit.appendAudit(A, { id: `a${i}`, at: T0 + i, actor: { id: "system" }, action: "x", target: {} });
      for (const bad of FOREIGN_CURSORS) {
        await expect(stores.audit.listAudit(A, 2, bad), JSON.stringify(bad)).rejects.toMatchObject({ code: "invalid_payload" });
      }
      const first = await stores.audit.listAudit(A, 2);
      expect((await stores.audit.listAudit(A, 2, first.cursor)).entries.map((e) => e.id)).toStrictEqual(["a0"]);
    });
  });
}
