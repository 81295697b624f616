import { expect, it } from "vitest";
import type { Alert } from "../../client-sdk/src/index.ts";
import { onBothStores } from "../support/both-stores.ts";
import { waitFor } from "../support/wait.ts";

/**
 * Issue 22 item 3: a moderator's alert raised while no manager is signed in used to reach nobody
 * (the moderator was told "The team has been alerted"). Alerts are kept until a manager
 * acknowledges them, listed to every manager who signs in, and cleared for all by one ack.
 */
onBothStores("alerts are kept until a manager acknowledges them", {}, (server) => {
  it("an alert raised with no manager signed in waits for the first who signs in; one acknowledgement clears it for all", async () => {
    const s = server();
    const mod = await s.chat({ role: "moderator", sub: "mod-a", name: "Sam" });
    await mod.join("product:kept");
    await mod.raiseAlert("product:kept", "Someone keeps posting a phone number");

    // Nobody was watching; the first manager to sign in finds it open.
    const first = await s.admin({ sub: "cm-first", name: "Camille" });
    const open = await first.listAlerts({ status: "open" });
    const alert = open.find((a) => a.note === "Someone keeps posting a phone number");
    expect(alert).toMatchObject({ room: "product:kept", by: { id: "mod-a", name: "Sam", role: "moderator" } });
    expect(alert!.ackedAt).toBeUndefined();
    // REST lists it the same way.
    const rest = await s.rest("GET", "alerts?status=open");
    expect(rest.status).toBe(200);
    expect((rest.body.alerts as Alert[]).map((a) => a.id)).toContain(alert!.id);

    // A second manager, signed in and subscribed, sees the acknowledgement live.
    const second = await s.admin({ sub: "cm-second", name: "Dominique" });
    await second.subscribe();
    const ackedLive = waitFor<Alert>(second, "alert:acked", (a) => a.id === alert!.id);
    const acked = await first.ackAlert(alert!.id);
    expect(acked).toMatchObject({ id: alert!.id, ackedBy: { id: "cm-first", name: "Camille" } });
    expect((await ackedLive).ackedBy?.id).toBe("cm-first");
    expect(typeof acked.ackedAt).toBe("number");
    expect((await second.listAlerts({ status: "open" })).map((a) => a.id)).not.toContain(alert!.id);
    expect((await second.listAlerts({ status: "acked" })).map((a) => a.id)).toContain(alert!.id);
    // A late second acknowledgement answers who was first, changing nothing.
    const again = await s.rest("POST", `alerts/${encodeURIComponent(alert!.id)}/ack`, { token: await s.managerToken("acme", "cm-second") });
    expect(again.status).toBe(200);
    expect(again.body.alert.ackedBy.id).toBe("cm-first");
    const audit = await first.listAudit({ action: "alert.acked" });
    expect(audit.entries.filter((e) => e.target.alertId === alert!.id)).toHaveLength(1);
  });

  it("alerts stay within their tenant; bad ids and payloads get clear codes", async () => {
    const s = server();
    const mod = await s.chat({ role: "moderator", sub: "mod-b" });
    await mod.join("product:iso");
    await mod.raiseAlert("product:iso", "look here");
    const mine = (await s.rest("GET", "alerts")).body.alerts as Alert[];
    const id = mine.find((a) => a.note === "look here")!.id;
    expect((await s.rest("GET", "alerts", { tenant: "other" })).body.alerts).toStrictEqual([]);
    expect((await s.rest("POST", `alerts/${id}/ack`, { tenant: "other" })).status).toBe(404);
    expect((await s.rest("POST", "alerts/al_nope/ack")).body.error.code).toBe("not_found");
    expect((await s.rest("GET", "alerts?status=maybe")).body.error.code).toBe("invalid_payload");
    const admin = await s.admin();
    await expect(admin.ackAlert("x".repeat(5000))).rejects.toMatchObject({ code: "invalid_payload" });
    expect((await s.rest("GET", "alerts", { token: null })).status).toBe(401);
  });
});
