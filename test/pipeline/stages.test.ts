import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { RoomDirectory, resolveRoom } from "../../server/chat/room-directory.ts";
import type { ResolvedRoom } from "../../server/contracts/resolved-room.ts";
import type { SessionData } from "../../server/contracts/session.ts";
import type { Config } from "../../server/config/schema.ts";
import { CausetteError } from "../../server/errors.ts";
import { compileFilters, loadBaseLexicons } from "../../server/filters/compile.ts";
import { createAccessStage } from "../../server/pipeline/access.ts";
import { createLinksStage } from "../../server/pipeline/links.ts";
import { createHookStage } from "../../server/pipeline/hook.ts";
import { OutboundClient } from "../../server/outbound/outbound-client.ts";
import { createMetrics } from "../../server/http/metrics.ts";
import { createRateStage } from "../../server/pipeline/rate.ts";
import { createSpamStage } from "../../server/pipeline/spam.ts";
import { runPipeline, type SendContext, type Stage } from "../../server/pipeline/stage.ts";
import { charLength, cleanText, longerThan } from "../../server/filters/clean-text.ts";
import { createValidateStage } from "../../server/pipeline/validate.ts";
import { createWordsStage } from "../../server/pipeline/words.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import { TenantRuntime } from "../../server/tenants/tenant-runtime.ts";
import { testConfig } from "../support/config.ts";
import { cleanText as shopperText } from "../shared/texts.ts";

const base = loadBaseLexicons();

/** A tenant runtime over fresh memory stores: the only fake is at the storage boundary (there is none). */
async function runtime(over: Parameters<typeof testConfig>[0] = {}, stores = createMemoryStores()) {
  const config: Readonly<Config> = testConfig(over);
  const tenant = new TenantRuntime(config.tenants[0]!, stores, (lists) => compileFilters(lists, base));
  await tenant.refreshFilters();
  return { tenant, stores };
}

function session(over: Partial<SessionData> & { role?: SessionData["user"]["role"]; id?: string } = {}): SessionData {
  const role = over.role ?? "member";
  return {
    tenant: "acme",
    user: { id: over.id ?? "u1", name: "User One", role },
    tokenRole: role,
    ip: over.ip ?? "192.0.2.10",
    device: over.device ?? { type: "desktop", bot: false },
    connectedAt: Date.now(),
  };
}

function ctx(tenant: TenantRuntime, o: { text?: unknown; room?: Partial<ResolvedRoom>; session?: SessionData; replyTo?: string } = {}): SendContext {
  const room = { ...resolveRoom(tenant, "product:x", null), ...(o.room ?? {}) };
  const c: SendContext = { tenant, session: o.session ?? session(), room, rawText: o.text ?? "hello", text: typeof o.text === "string" ? o.text : "hello", now: Date.now(), hits: [] };
  if (o.replyTo !== undefined) c.replyTo = o.replyTo;
  return c;
}

const refusal = (v: unknown) => (v && typeof v === "object" && "refuse" in v ? (v as { refuse: CausetteError }).refuse : undefined);

describe("validate", () => {
  const stage = createValidateStage();
  let tenant: TenantRuntime;
  beforeEach(async () => { ({ tenant } = await runtime()); });

  it("trims, NFC-normalises, removes control characters and bidi overrides", () => {
    const c = ctx(tenant, { text: "  Cafe\u0301\u0000 \u202Etxt\u202C \u2066iso\u2069\u0007 \r\n\r\n\r\n\r\nend\t " });
    expect(stage.run(c)).toBeUndefined();
    expect(c.text).toBe("Café txt iso \n\nend");
    expect(c.text.normalize("NFC")).toBe(c.text);
    expect(c.text).not.toMatch(/[\u0000-\u0008\u202A-\u202E\u2066-\u2069]/);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(charLength("😀😀")).toBe(2);
    expect(charLength("e\u0301")).toBe(2);
    const ok = ctx(tenant, { text: "🌸".repeat(500), room: { maxLength: 500 } });
    expect(stage.run(ok)).toBeUndefined();
    expect(refusal(stage.run(ctx(tenant, { text: "🌸".repeat(501), room: { maxLength: 500 } })))?.code).toBe("message_too_long");
    // The cheap pre-check on raw length never rejects what would fit once cleaned.
    expect(stage.run(ctx(tenant, { text: ` ${"a".repeat(10)}${" ".repeat(30)}`, room: { maxLength: 10 } }))).toBeUndefined();
    expect(refusal(stage.run(ctx(tenant, { text: "x".repeat(100_000), room: { maxLength: 10 } })))?.code).toBe("message_too_long");
  });

  it("counts exactly what iterating code points counts, lone surrogates included", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }), (units) => {
      const s = String.fromCharCode(...units);
      expect(charLength(s)).toBe([...s].length);
    }));
    expect(charLength("\ud83d")).toBe(1);
    expect(charLength("a\udc00\ud83d")).toBe(3);
  });

  it("longerThan agrees with counting every code point", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }), fc.nat(45), (units, max) => {
      const s = String.fromCharCode(...units);
      expect(longerThan(s, max)).toBe([...s].length > max);
    }));
  });

  it("cleans plain ASCII text (the fast path) exactly as the full cleaning does", () => {
    const full = (raw: string) => raw.normalize("NFC").replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "").replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
    fc.assert(fc.property(fc.string({ unit: "binary-ascii", maxLength: 60 }), (raw) => {
      expect(cleanText(raw)).toBe(full(raw));
    }));
    expect(cleanText("  Is it vegan?  ")).toBe("Is it vegan?");
  });

  it("empty after cleaning → empty_message; not a string → invalid_payload", () => {
    for (const t of ["", "   ", "\u0000\u0001", "\u202E", "\n\n\t"]) expect(refusal(stage.run(ctx(tenant, { text: t })))?.code).toBe("empty_message");
    for (const t of [42, null, undefined, ["hi"], { text: "hi" }]) {
      const c = ctx(tenant);
      c.rawText = t;
      expect(refusal(stage.run(c))?.code).toBe("invalid_payload");
    }
  });

  it("cleanText keeps newlines and tabs inside the text, collapses long blank runs", () => {
    expect(cleanText("a\n\tb")).toBe("a\n\tb");
    expect(cleanText("a\n\n\n\nb")).toBe("a\n\nb");
  });

  const accepted = (text: string) => {
    const c = ctx(tenant, { text });
    expect(refusal(stage.run(c))).toBeUndefined();
    return c.text;
  };

  it("a text with nothing visible is empty_message: zero-width, format, fillers, marks alone, tags alone", () => {
    for (const t of [
      "\u200B\u200C\u200D", "\u2060\uFEFF", "\u00AD", "\u3164\u115F", "\u2800", "\u0301\u0302\u0303",
      "\u200D\u0301", "\u{E0041}\u{E0042}\u{E007F}", "\u00A0\u3000\u2003", "\uFE0F\uFE0F", "\ud800",
    ]) {
      expect(refusal(stage.run(ctx(tenant, { text: t })))?.code, JSON.stringify(t)).toBe("empty_message");
    }
  });

  it("drops lone surrogates and tag characters, keeps what is around them", () => {
    expect(accepted("ab\ud800cd\udfffe")).toBe("abcde");
    // Tag characters spelling an invisible instruction after a visible word.
    expect(accepted("hello\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F}")).toBe("hello");
    expect(accepted("\u{E0020}ok")).toBe("ok");
  });

  it("keeps emoji whole: ZWJ sequences, variation selectors, skin tones, keycaps, country and subdivision flags", () => {
    const emoji = [
      "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "❤️‍🔥", "👋🏽", "1️⃣", "#️⃣", "🇫🇷", "🇬🇧🇺🇸",
      "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", // England
      "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", // Scotland
    ];
    for (const e of emoji) expect(accepted(e)).toBe(e);
    expect(accepted(`J'adore ${emoji.join(" ")} !`)).toBe(`J'adore ${emoji.join(" ")} !`);
    // A tag run that is not a subdivision code (too long to be one) is not kept as a flag.
    expect(accepted("🏴\u{E0061}\u{E0062}\u{E0063}\u{E0064}\u{E0065}\u{E0066}\u{E0067}\u{E007F}")).toBe("🏴");
  });

  it("caps combining marks per base character, and keeps the stacks real scripts use", () => {
    // Overlay marks: no letter composes with them, so NFC leaves every one on the base.
    const zalgo = `Z${"\u0334\u0335\u0336\u0337".repeat(50)}algo`;
    const out = accepted(zalgo);
    expect(out.startsWith("Z\u0334\u0335\u0336\u0337a")).toBe(true);
    expect([...out.slice(1, out.indexOf("a"))].length).toBe(4);
    expect(out.endsWith("algo")).toBe(true);
    // Format characters between marks do not open a new stack.
    expect([...accepted(`e${"\u0301\u200D".repeat(40)}`)].filter((c) => /\p{M}/u.test(c))).toHaveLength(4);
    for (const t of [
      "Tiếng Việt có dấu: người, được, những", // NFC-composed Vietnamese
      "Tie\u0302\u0301ng Vie\u0323\u0302t".normalize("NFD"), // decomposed: two marks on a base
      "ที่นี่สวยมาก", // Thai: vowel + tone mark
      "مُحَمَّدٌ", // Arabic: shadda + vowel
      "בְּרֵאשִׁית", // pointed Hebrew: dagesh + vowel, shin dot + vowel
      "कँपनी ड़ें", // Devanagari
    ]) expect(accepted(t)).toBe(t.normalize("NFC"));
  });

  it("NUL, bidi controls and zero-width spaces go; joiners that scripts need stay", () => {
    expect(accepted("a\u0000b\u202Ec\u200Bd\u2066e\u2069")).toBe("abcde");
    expect(accepted("می\u200Cخواهم")).toBe("می\u200Cخواهم"); // Persian ZWNJ
    expect(accepted("abc \u200F123")).toBe("abc \u200F123"); // RLM
  });
});

/**
 * Memory stores whose reads of one kind (IP block lists or room settings) wait until released,
 * as a Redis round trip does, and are counted (a storage-boundary double).
 */
function gatedStores(gated: "listIpBlocks" | "getRoomState") {
  const stores = createMemoryStores();
  const gates: (() => void)[] = [];
  const probe = {
    stores,
    reads: 0,
    release(): void { for (const g of gates.splice(0)) g(); },
    get waiting(): number { return gates.length; },
  };
  async function gate<T>(read: T | Promise<T>): Promise<T> {
    probe.reads++;
    const snapshot = await read;
    await new Promise<void>((resolve) => gates.push(resolve));
    return snapshot;
  }
  if (gated === "listIpBlocks") {
    const read = stores.sanctions.listIpBlocks.bind(stores.sanctions);
    stores.sanctions.listIpBlocks = (tenant, now) => gate(read(tenant, now));
  } else {
    const read = stores.rooms.getRoomState.bind(stores.rooms);
    stores.rooms.getRoomState = (tenant, room) => gate(read(tenant, room));
  }
  return probe;
}

describe("IP-block cache", () => {
  it("messages that miss the cache together share one read of the block list", async () => {
    const store = gatedStores("listIpBlocks");
    const { tenant } = await runtime({}, store.stores);
    const now = Date.now();
    const answers = [tenant.ipBlock("192.0.2.1", now), tenant.ipBlock("192.0.2.2", now), tenant.ipBlock("198.51.100.7", now)];
    expect(answers.every((a) => a instanceof Promise)).toBe(true);
    await expect.poll(() => store.waiting).toBe(1);
    store.release();
    expect(await Promise.all(answers)).toEqual([undefined, undefined, undefined]);
    expect(store.reads).toBe(1);
    // Cached now: answered at once, no read.
    expect(tenant.ipBlock("192.0.2.1", now)).toBeUndefined();
    expect(store.reads).toBe(1);
  });

  it("a block added while a read is in flight is not hidden by caching the older list", async () => {
    const store = gatedStores("listIpBlocks");
    const { tenant } = await runtime({}, store.stores);
    const now = Date.now();
    const before = tenant.ipBlock("192.0.2.10", now);
    await expect.poll(() => store.waiting).toBe(1);
    // A manager blocks the range meanwhile; the sanctions service then invalidates the cache.
    await store.stores.sanctions.addIpBlock("acme", { cidr: "192.0.2.0/24", reason: "raid", at: now, by: "cm" });
    tenant.invalidateSanctions();
    store.release();
    expect(await before).toBeUndefined(); // that message was judged against the list it read
    const after = tenant.ipBlock("192.0.2.10", now);
    expect(after).toBeInstanceOf(Promise); // the stale list was not cached: a fresh read
    await expect.poll(() => store.waiting).toBe(1);
    store.release();
    expect(await after).toMatchObject({ cidr: "192.0.2.0/24" });
    expect(store.reads).toBe(2);
  });
});

describe("room-settings cache", () => {
  it("messages that miss the cache together share one read of the room's settings", async () => {
    const store = gatedStores("getRoomState");
    const { tenant } = await runtime({}, store.stores);
    const dir = new RoomDirectory(store.stores.rooms, () => 0);
    const now = Date.now();
    const answers = [dir.resolve(tenant, "faq", now), dir.resolve(tenant, "faq", now), dir.resolve(tenant, "faq", now)];
    await expect.poll(() => store.waiting).toBe(1);
    store.release();
    expect((await Promise.all(answers)).map((r) => r.id)).toEqual(["faq", "faq", "faq"]);
    expect(store.reads).toBe(1);
    expect(dir.resolve(tenant, "faq", now)).toMatchObject({ id: "faq" }); // cached: at once
    expect(store.reads).toBe(1);
  });

  it("a manager's change during a read is not hidden by caching the older settings", async () => {
    const store = gatedStores("getRoomState");
    const { tenant } = await runtime({}, store.stores);
    const dir = new RoomDirectory(store.stores.rooms, () => 0);
    const now = Date.now();
    const before = dir.resolve(tenant, "faq", now);
    await expect.poll(() => store.waiting).toBe(1);
    dir.invalidate(tenant.id, "faq");
    store.release();
    await before;
    const after = dir.resolve(tenant, "faq", now);
    expect(after).toBeInstanceOf(Promise); // read again, not served from the stale read
    await expect.poll(() => store.waiting).toBe(1);
    store.release();
    await after;
    expect(store.reads).toBe(2);
  });
});

describe("poster sanctions cache", () => {
  it("reads a poster's ban and mute once, then answers from the node until a sanction changes", async () => {
    const { tenant, stores } = await runtime();
    let reads = 0;
    const read = stores.sanctions.getBanAndMute.bind(stores.sanctions);
    stores.sanctions.getBanAndMute = (t, u, now) => { reads++; return read(t, u, now); };
    const now = Date.now();
    expect(tenant.sanctionsOf("u1", now)).toEqual({ ban: null, mute: null });
    await stores.sanctions.setBan("acme", "u1", { reason: "rude", shadow: false, at: now, by: "cm" });
    // Not re-read: what a node serves between a write and its cluster event (the service drops it at once).
    expect(tenant.sanctionsOf("u1", now + 10)).toEqual({ ban: null, mute: null });
    expect(reads).toBe(1);
    tenant.invalidateSanctions();
    expect((await tenant.sanctionsOf("u1", now + 20)).ban?.reason).toBe("rude");
    expect(reads).toBe(2);
    // Past the cache's second a missed event is healed by a fresh read.
    await stores.sanctions.deleteBan("acme", "u1");
    expect((await tenant.sanctionsOf("u1", now + 1500)).ban).toBeNull();
    expect(reads).toBe(3);
  });

  it("a cached mute or timed ban stops counting when it runs out, without a new read", async () => {
    const { tenant, stores } = await runtime();
    const now = Date.now();
    await stores.sanctions.setMute("acme", "u1", { until: now + 100, at: now, by: "cm" });
    await stores.sanctions.setBan("acme", "u2", { reason: "x", shadow: false, at: now, by: "cm", until: now + 100 });
    expect((await tenant.sanctionsOf("u1", now)).mute?.until).toBe(now + 100);
    expect((await tenant.sanctionsOf("u2", now)).ban?.until).toBe(now + 100);
    let reads = 0;
    stores.sanctions.getBanAndMute = () => { reads++; throw new Error("not read again"); };
    expect(await tenant.sanctionsOf("u1", now + 100)).toEqual({ ban: null, mute: null });
    expect(await tenant.sanctionsOf("u2", now + 100)).toEqual({ ban: null, mute: null });
    expect(reads).toBe(0);
  });

  it("one tenant's sanctions never answer for another's user of the same id", async () => {
    const { tenant, stores } = await runtime();
    const now = Date.now();
    await stores.sanctions.setBan("other", "u1", { reason: "elsewhere", shadow: false, at: now, by: "cm" });
    expect(await tenant.sanctionsOf("u1", now)).toEqual({ ban: null, mute: null });
  });
});

describe("access", () => {
  let tenant: TenantRuntime;
  let stores: ReturnType<typeof createMemoryStores>;
  const stage = () => createAccessStage(stores);
  beforeEach(async () => { ({ tenant, stores } = await runtime()); });

  it("passes an ordinary member", async () => {
    expect(await stage().run(ctx(tenant))).toBeUndefined();
  });

  it("ip_blocked (with until), banned, muted (retryAfterMs), in that order", async () => {
    const now = Date.now();
    await stores.sanctions.addIpBlock("acme", { cidr: "192.0.2.0/24", reason: "x", at: now, by: "cm", until: now + 60_000 });
    await stores.sanctions.setBan("acme", "u1", { reason: "rude", shadow: false, at: now, by: "cm" });
    await stores.sanctions.setMute("acme", "u1", { until: now + 30_000, at: now, by: "cm" });
    const ip = refusal(await stage().run(ctx(tenant)));
    expect(ip?.code).toBe("ip_blocked");
    expect(ip?.until).toBe(now + 60_000);
    await stores.sanctions.removeIpBlock("acme", "192.0.2.0/24");
    tenant.invalidateSanctions();
    const ban = refusal(await stage().run(ctx(tenant)));
    expect(ban?.code).toBe("banned");
    expect(ban?.message).toContain("rude");
    await stores.sanctions.deleteBan("acme", "u1");
    tenant.invalidateSanctions(); // what the moderation service does after every sanction it writes
    const mute = refusal(await stage().run(ctx(tenant)));
    expect(mute?.code).toBe("muted");
    expect(mute?.retryAfterMs).toBeGreaterThan(25_000);
    expect(mute?.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("an expired ban or mute no longer applies", async () => {
    const now = Date.now();
    await stores.sanctions.setBan("acme", "u1", { reason: "old", shadow: false, at: now - 10_000, by: "cm", until: now - 1 });
    await stores.sanctions.setMute("acme", "u1", { until: now - 1, at: now - 10_000, by: "cm" });
    expect(await stage().run(ctx(tenant))).toBeUndefined();
  });

  it("a shadow ban does not refuse but marks the context", async () => {
    await stores.sanctions.setBan("acme", "u1", { reason: "troll", shadow: true, at: Date.now(), by: "cm" });
    const c = ctx(tenant);
    expect(await stage().run(c)).toBeUndefined();
    expect(c.shadowBan?.shadow).toBe(true);
  });

  it("room_frozen for everyone but managers", async () => {
    for (const role of ["guest", "member", "expert", "moderator"] as const) {
      expect(refusal(await stage().run(ctx(tenant, { room: { frozen: true }, session: session({ role }) })))?.code).toBe("room_frozen");
    }
    expect(await stage().run(ctx(tenant, { room: { frozen: true }, session: session({ role: "manager" }) }))).toBeUndefined();
  });

  it("answers_restricted for non-staff replies in restricted rooms; not_found for an unknown parent", async () => {
    await stores.messages.appendMessage("acme", { id: "m_parent", room: "product:x", author: { id: "u2", name: "B", role: "member" }, text: "q", createdAt: Date.now(), status: "visible" }, { keep: 300 });
    const restricted = { contribution: "restricted" as const };
    for (const role of ["guest", "member"] as const) {
      expect(refusal(await stage().run(ctx(tenant, { room: restricted, replyTo: "m_parent", session: session({ role }) })))?.code).toBe("answers_restricted");
    }
    for (const role of ["expert", "moderator", "manager"] as const) {
      expect(await stage().run(ctx(tenant, { room: restricted, replyTo: "m_parent", session: session({ role }) }))).toBeUndefined();
    }
    // Top-level questions are fine for anyone.
    expect(await stage().run(ctx(tenant, { room: restricted, session: session({ role: "guest" }) }))).toBeUndefined();
    expect(refusal(await stage().run(ctx(tenant, { replyTo: "m_missing" })))?.code).toBe("not_found");
    expect(refusal(await stage().run(ctx(tenant, { replyTo: "m_parent", room: { id: "product:other" } })))?.code).toBe("not_found");
    await stores.messages.setMessageStatus("acme", "m_parent", "deleted");
    expect(refusal(await stage().run(ctx(tenant, { replyTo: "m_parent" })))?.code).toBe("not_found");
  });

  it("bots are forbidden to post", async () => {
    const bot = session({ device: { type: "bot", bot: true, ua: "Googlebot" } });
    expect(refusal(await stage().run(ctx(tenant, { session: bot })))?.code).toBe("forbidden");
  });
});

describe("rate", () => {
  it("token bucket: refuses with rate_limited and retryAfterMs once the burst is spent, per user", async () => {
    const { tenant } = await runtime({ acme: { rateLimit: { burst: 3, perSecond: 0.5 } } });
    const stage = createRateStage();
    const verdicts = [];
    for (let i = 0; i < 8; i++) verdicts.push(refusal(await stage.run(ctx(tenant))));
    // Exactly the burst at once; the next token is 1 / 0.5 = 2 s away.
    const first = verdicts.findIndex((v) => v !== undefined);
    expect(first).toBe(3);
    const err = verdicts[first]!;
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfterMs).toBeGreaterThan(1500);
    expect(err.retryAfterMs).toBeLessThanOrEqual(2000);
    expect(verdicts.slice(first).every((v) => v?.code === "rate_limited")).toBe(true);
    expect(await stage.run(ctx(tenant, { session: session({ id: "u2" }) }))).toBeUndefined();
  });

  it("slow mode: one message per interval per user and room, with retryAfterMs; staff exempt", async () => {
    const { tenant } = await runtime();
    const stage = createRateStage();
    const slow = { slowModeSec: 10 };
    expect(await stage.run(ctx(tenant, { room: slow }))).toBeUndefined();
    const err = refusal(await stage.run(ctx(tenant, { room: slow })));
    expect(err?.code).toBe("slow_mode");
    expect(err?.retryAfterMs).toBeGreaterThan(9000);
    expect(err?.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(await stage.run(ctx(tenant, { room: { ...slow, id: "product:y" } }))).toBeUndefined();
    expect(await stage.run(ctx(tenant, { room: slow, session: session({ id: "u2" }) }))).toBeUndefined();
    for (const role of ["expert", "moderator", "manager"] as const) {
      const staff = session({ id: `staff-${role}`, role });
      expect(await stage.run(ctx(tenant, { room: slow, session: staff }))).toBeUndefined();
      expect(await stage.run(ctx(tenant, { room: slow, session: staff }))).toBeUndefined();
    }
  });
});

describe("filter stages produce hits", () => {
  let tenant: TenantRuntime;
  beforeEach(async () => { ({ tenant } = await runtime()); });

  it("words: lexicon terms and built-in words; clean text has none", async () => {
    const w = createWordsStage();
    const v = await w.run(ctx(tenant, { text: "just buy rivalbrand instead" }));
    expect(v && "hits" in v ? v.hits.map((h) => [h.kind, h.detail]) : []).toContainEqual(["word", "rivalbrand"]);
    const insult = await w.run(ctx(tenant, { text: "quel connard celui-là" }));
    expect(insult && "hits" in insult ? insult.hits[0]!.kind : undefined).toBe("word");
    expect(await w.run(ctx(tenant, { text: shopperText() }))).toBeUndefined();
  });

  it("links: outside the allowlist is a hit, inside is not", async () => {
    const l = createLinksStage();
    const v = await l.run(ctx(tenant, { text: "see www.spam-link.biz now" }));
    expect(v && "hits" in v ? v.hits[0] : undefined).toMatchObject({ kind: "link" });
    expect(await l.run(ctx(tenant, { text: "see https://acme.example/serum for details" }))).toBeUndefined();
  });

  it("spam: the same text repeated by one user becomes a hit", async () => {
    const sp = createSpamStage();
    const text = "Everyone should come to my channel for great beauty deals today";
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await sp.run(ctx(tenant, { text })));
    expect(verdicts[0]).toBeUndefined();
    expect(verdicts.some((v) => v && "hits" in v && v.hits[0]!.kind === "spam")).toBe(true);
  });
});

describe("runner", () => {
  const refuseWith = (name: string, code: "forbidden" | "muted", log: string[]): Stage => ({ name, run() { log.push(name); return { refuse: new CausetteError(code) }; } });
  const hit = (name: string, log: string[]): Stage => ({ name, run() { log.push(name); return { hits: [{ kind: "word", detail: name, match: name, start: 0, end: 1, category: "insult", severity: 2 }] }; } });
  const pass = (name: string, log: string[]): Stage => ({ name, async run() { log.push(name); return undefined; } });

  it("short-circuits on the first refusal", async () => {
    const { tenant } = await runtime();
    const log: string[] = [];
    const observed: string[] = [];
    const err = await runPipeline([pass("a", log), refuseWith("b", "forbidden", log), refuseWith("c", "muted", log), hit("d", log)], ctx(tenant), (stage) => observed.push(stage));
    expect(err?.code).toBe("forbidden");
    expect(log).toEqual(["a", "b"]);
    expect(observed).toEqual(["a", "b"]);
  });

  it("collects hits from every filter stage, then a later refusal still wins", async () => {
    const { tenant } = await runtime();
    const log: string[] = [];
    const c = ctx(tenant);
    expect(await runPipeline([hit("spam", log), pass("x", log), hit("words", log), hit("links", log)], c)).toBeUndefined();
    expect(c.hits.map((h) => h.detail)).toEqual(["spam", "words", "links"]);
    const c2 = ctx(tenant);
    expect((await runPipeline([hit("spam", log), refuseWith("late", "muted", log)], c2))?.code).toBe("muted");
  });

  it("the real stages in order: a message with a word and a link collects both hits", async () => {
    const { tenant, stores } = await runtime();
    const stages = [createValidateStage(), createAccessStage(stores), createRateStage(), createSpamStage(), createWordsStage(), createLinksStage()];
    const c = ctx(tenant, { text: "  rivalbrand is on www.spam-link.biz  " });
    expect(await runPipeline(stages, c)).toBeUndefined();
    expect(c.text).toBe("rivalbrand is on www.spam-link.biz");
    expect(new Set(c.hits.map((h) => h.kind))).toEqual(new Set(["word", "link"]));
    const empty = ctx(tenant, { text: "   " });
    expect((await runPipeline(stages, empty))?.code).toBe("empty_message");
    expect(empty.hits).toEqual([]);
  });

  it("with the embedded store every real stage answers at once: no promise, no microtask turn", async () => {
    const { tenant, stores } = await runtime();
    // The hook stage of a tenant without a hook (the other tenant has one) answers at once too.
    const hookTenants = testConfig({ other: { outbound: { allowPrivateNetworks: true }, filters: { hook: { url: "http://127.0.0.1:9/hook", secret: `whsec_${Buffer.alloc(32, 1).toString("base64")}`, timeoutMs: 100, onError: "allow" } } } }).tenants;
    const hookStage = createHookStage({ tenants: hookTenants, people: stores.people, client: new OutboundClient(), metrics: createMetrics() });
    const stages = [createValidateStage(), createAccessStage(stores), createRateStage(), createSpamStage(), createWordsStage(), createLinksStage(), hookStage];
    // The IP-block cache is filled by the first message; from then on nothing waits.
    await runPipeline(stages, ctx(tenant, { text: shopperText() }));
    const c = ctx(tenant, { text: "rivalbrand is on www.spam-link.biz" });
    const observed: string[] = [];
    const result = runPipeline(stages, c, (stage) => observed.push(stage));
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toBeUndefined();
    expect(observed).toEqual(["validate", "access", "rate", "spam", "words", "links", "hook"]);
    expect(new Set(c.hits.map((h) => h.kind))).toEqual(new Set(["word", "link"]));
  });

  it("a stage that waits (a Redis read) hands the rest of the run to a promise, in order", async () => {
    const { tenant } = await runtime();
    const log: string[] = [];
    const observed: string[] = [];
    const later = (name: string): Stage => ({ name, run: () => new Promise((resolve) => setImmediate(() => { log.push(name); resolve({ hits: [{ kind: "spam", detail: name, match: name, start: 0, end: 1, category: "spam", severity: 2 }] }); })) });
    const c = ctx(tenant);
    const result = runPipeline([hit("first", log), later("waits"), hit("after", log), refuseWith("refuses", "muted", log), hit("never", log)], c, (stage) => observed.push(stage));
    expect(result).toBeInstanceOf(Promise);
    // Nothing after the waiting stage ran before it answered.
    expect(log).toEqual(["first"]);
    expect((await result)?.code).toBe("muted");
    expect(log).toEqual(["first", "waits", "after", "refuses"]);
    expect(observed).toEqual(["first", "waits", "after", "refuses"]);
    expect(c.hits.map((h) => h.detail)).toEqual(["first", "waits", "after"]);
  });

  it("a stage that throws at once or later fails the run the same way", async () => {
    const { tenant } = await runtime();
    const boom: Stage = { name: "boom", run() { throw new Error("store down"); } };
    const boomLater: Stage = { name: "boomLater", run: () => Promise.reject(new Error("store down later")) };
    expect(() => runPipeline([boom], ctx(tenant))).toThrow("store down");
    await expect(runPipeline([boomLater], ctx(tenant)) as Promise<unknown>).rejects.toThrow("store down later");
  });
});
