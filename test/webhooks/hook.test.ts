import { afterEach, describe, expect, it } from "vitest";
import { ChatError } from "../../client-sdk/src/index.ts";
import type { AppDeps } from "../../server/app.ts";
import { HELD_TEXT, startModServer } from "../moderation/support.ts";
import { testConfig } from "../support/config.ts";
import { startReceiver, testSecret, type Answer, type Receiver } from "../support/webhook-receiver.ts";
import { until } from "../support/wait.ts";

/** The hook answers by the message's text: "allow …", "hold …", "reject …", "slow …", "garbage …", "huge …", "odd …". */
function brandHook(r: { json: { data: { message: { text: string } } } }): Answer {
  const text = r.json.data?.message?.text ?? "";
  const [word] = text.split(" ");
  if (word === "hold") return { status: 200, body: JSON.stringify({ action: "hold", reason: "open fraud case" }) };
  if (word === "reject") return { status: 200, body: JSON.stringify({ action: "reject", reason: "toxicity 0.97" }) };
  if (word === "slow") return { status: 200, body: JSON.stringify({ action: "reject" }), delayMs: 1000 };
  if (word === "garbage") return { status: 200, body: "<html>oops</html>" };
  if (word === "huge") return { status: 200, body: JSON.stringify({ action: "allow", reason: "x".repeat(70_000) }) };
  if (word === "odd") return { status: 200, body: JSON.stringify({ action: "approve" }) };
  if (word === "fail") return { status: 500, body: "{}" };
  return { status: 200, body: JSON.stringify({ action: "allow" }) };
}

async function metric(url: string, name: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split("\n").filter((l) => l.startsWith(name));
}
const failures = async (url: string, reason: string) =>
  Number((await metric(url, `causette_hook_failures_total{reason="${reason}"}`))[0]?.split(" ")[1] ?? 0);

describe("moderation hook (SPEC §8.2)", () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });

  async function setup(onError: "allow" | "hold", deps: AppDeps = {}): Promise<{ rx: Receiver; s: Awaited<ReturnType<typeof startModServer>> }> {
    const secret = testSecret(6);
    const rx = await startReceiver(secret);
    rx.answer = brandHook;
    open.push(rx);
    const config = testConfig({ acme: { outbound: { allowPrivateNetworks: true }, filters: { hook: { url: rx.url, secret, timeoutMs: 200, onError } } } as never });
    const s = await startModServer(config, deps);
    open.push(s);
    return { rx, s };
  }

  it("asks the hook, signed, after the built-in stages: allow publishes, hold queues with a hook reason, reject is content_blocked", async () => {
    const { rx, s } = await setup("allow");
    const admin = await s.admin();
    const author = await s.chat({ role: "member", sub: "u-a", name: "Ann" });
    await author.join("faq");
    const ok = await author.send("faq", "allow this one please");
    expect(ok.status).toBe("visible");
    const call = rx.received[0]!;
    expect(call.verified).toBe(true);
    expect(call.json).toMatchObject({ type: "message.check", data: { room: "faq", message: { id: ok.id, text: "allow this one please", room: "faq", author: { id: "u-a" } }, user: { id: "u-a", role: "member", firstSeenAt: expect.any(Number) } } });

    const held = await author.send("faq", "hold this one");
    expect(held.status).toBe("held");
    const { items } = await admin.listQueue();
    expect(items.find((i) => i.message.id === held.id)?.reasons).toStrictEqual([{ kind: "hook", detail: "open fraud case" }]);

    const rejected = await author.send("faq", "reject this one").catch((e: ChatError) => e);
    expect((rejected as ChatError).code).toBe("content_blocked");
    const audit = await admin.listAudit({ action: "message.rejected" });
    expect(audit.entries[0]?.target).toMatchObject({ text: "reject this one", reasons: [{ kind: "hook", detail: "toxicity 0.97" }] });

    // A message the filters hold never reaches the hook.
    const calls = rx.received.length;
    expect((await author.send("faq", HELD_TEXT)).status).toBe("held");
    expect(rx.received.length).toBe(calls);
    // Keep-alive: every call so far came over one connection.
    expect(new Set(rx.received.map((r) => r.connection)).size).toBe(1);
    expect(await metric(s.url, "causette_hook_duration_seconds_count")).toEqual(expect.arrayContaining([expect.stringMatching(/outcome="allow"\} 1$/), expect.stringMatching(/outcome="hold"\} 1$/)]));
  });

  it("a timeout, an error status, an answer that is not JSON, too large or unknown: onError decides and each is counted", async () => {
    const { s } = await setup("allow", { hookBreaker: { failures: 100, openMs: 1000 } });
    const author = await s.chat({ role: "member", sub: "u-a" });
    await author.join("faq");
    for (const word of ["slow", "fail", "garbage", "huge", "odd"]) {
      const m = await author.send("faq", `${word} message`);
      expect(m.status, word).toBe("visible");
    }
    expect(await failures(s.url, "timeout")).toBe(1);
    expect(await failures(s.url, "error")).toBe(1);
    expect(await failures(s.url, "invalid")).toBe(3);

    const hold = await setup("hold", { hookBreaker: { failures: 100, openMs: 1000 } });
    const admin = await hold.s.admin();
    const other = await hold.s.chat({ role: "member", sub: "u-b" });
    await other.join("faq");
    const m = await other.send("faq", "slow message");
    expect(m.status).toBe("held");
    const { items } = await admin.listQueue();
    expect(items.find((i) => i.message.id === m.id)?.reasons).toStrictEqual([{ kind: "hook", detail: "unavailable" }]);
  });

  it("a dead hook opens the breaker: one timeout every few seconds, not one per message", async () => {
    const { rx, s } = await setup("allow", { hookBreaker: { failures: 2, openMs: 600 } });
    const author = await s.chat({ role: "member", sub: "u-a" });
    await author.join("faq");
    rx.answer = () => "hang";
    for (let i = 0; i < 2; i++) await author.send("faq", `message ${i}`);
    expect(rx.received.length).toBe(2);
    // Open: answered at once, nothing sent to the hook.
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) expect((await author.send("faq", `open ${i}`)).status).toBe("visible");
    expect(Date.now() - t0).toBeLessThan(150);
    expect(rx.received.length).toBe(2);
    expect(await failures(s.url, "breaker")).toBe(10);
    // After openMs one trial goes out; a good answer closes the breaker.
    rx.answer = brandHook;
    await until(async () => {
      await author.send("faq", "allow trial");
      return rx.received.length === 3;
    }, 3000, 100);
    await author.send("faq", "hold after");
    expect(rx.received.length).toBe(4);
  });
});
