import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.ts";
import { waitFor } from "../support/wait.ts";

describe("smoke", () => {
  let s: TestServer;
  beforeAll(async () => { s = await startServer(); });
  afterAll(async () => { await s.close(); });

  it("a guest and a member talk in a room", async () => {
    const a = await s.connected();
    const b = await s.connected({ role: "member", sub: "m1", name: "Marie" });
    expect(a.session?.user.role).toBe("guest");
    expect(b.session?.user).toEqual({ id: "m1", name: "Marie", role: "member" });
    await a.join("product:serum-42");
    const joined = await b.join("product:serum-42");
    expect(joined.room.contribution).toBe("open");
    const got = waitFor(a, "message");
    const m = await b.send("product:serum-42", "Bonjour, ce sérum convient aux peaux sèches ?");
    expect(m.status).toBe("visible");
    expect((await got).id).toBe(m.id);
  });
});
