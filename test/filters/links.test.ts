import { describe, expect, it } from "vitest";
import { normalize } from "../../server/filters/normalize.ts";
import { createLinkMatcher, findLinks } from "../../server/filters/links.ts";
import { demoFilters, withLists } from "./demo-filters.ts";

const hosts = (text: string) => findLinks(normalize(text)).map((l) => l.host);

describe("links: forms that are links", () => {
  it.each([
    ["https://rivalbeauty.com/promo", "rivalbeauty.com"],
    ["hxxps://rivalbeauty.com", "rivalbeauty.com"],
    ["ftp://files.rival.com", "files.rival.com"],
    ["http://localhost:3000/x", "localhost"],
    ["www.rivalbeauty.com", "rivalbeauty.com"],
    ["allez sur rivalbeauty.com", "rivalbeauty.com"],
    ["rivalbeauty.com/promo", "rivalbeauty.com"],
    ["shop.rivalbeauty.co.uk", "shop.rivalbeauty.co.uk"],
    ["rivalbeauty dot com", "rivalbeauty.com"],
    ["rivalbeauty point com", "rivalbeauty.com"],
    ["rivalbeauty (dot) com", "rivalbeauty.com"],
    ["rivalbeauty(.)com", "rivalbeauty.com"],
    ["rivalbeauty[.]com", "rivalbeauty.com"],
    ["rivalbeauty{.}fr", "rivalbeauty.fr"],
    ["visit rivalbeauty . com", "rivalbeauty.com"],
    ["rival dot co dot uk", "rival.co.uk"],
    ["RIVALBEAUTY.COM", "rivalbeauty.com"],
    ["rivalbеauty.com", "rivalbeauty.com"], // Cyrillic е
    ["rivalbeauty。com", "rivalbeauty.com"], // ideographic full stop
    ["192.168.1.10/shop", "192.168.1.10"],
    ["http://10.0.0.1:8080", "10.0.0.1"],
    ["t.me/cheapbeauty", "t.me"],
    ["wa.me/33612345678", "wa.me"],
    ["discord.gg/makeup", "discord.gg"],
    ["https://bit.ly/3xYz12", "bit.ly"],
    ["contact: promo@cheapbeauty.com", "cheapbeauty.com"],
    ["go to glowshop.io now", "glowshop.io"],
    ["rival.example", "rival.example"],
    ["w w w.glowpromo.fr pour les codes", "glowpromo.fr"],   // spelled-out www
    ["w.w.w.glowpromo.fr", "glowpromo.fr"],
    ["x.glowpromo.fr", "glowpromo.fr"],                         // a one-letter label hides the host behind it
    ["http://[2001:db8::7]/promo for VIP members", "[2001:db8::7]"], // IPv6 literal
    ["hxxps://[::ffff:10.0.0.1]", "[::ffff:10.0.0.1]"],
    // A "?" after a typed dot and a web TLD still counts as the link's query (stop 47).
    ["moins cher sur promo-parfum.be?", "promo-parfum.be"], ["allez voir sur Concurrent.Fr?", "concurrent.fr"], ["rival.com?ref=12", "rival.com"],
    ["site point com?", "site.com"],
  ])("%j → %s", (text, host) => {
    const extra = new Set(["example"]);
    expect(findLinks(normalize(text), extra).map((l) => l.host)).toContain(host);
  });
});

describe("links: forms that are not links", () => {
  it.each([
    "24.90", "24,90 €", "v2.0", "version 2.0", "Version 3.1.2", "Mr. Smith", "e.g. on the cheeks", "i.e. after",
    "serum, toner, etc. all", "3.5ml", "it is 30 ml.", "It's fine.Thanks", "ok.la", "fine.so", "merci.de rien",
    "great.love it", "Merci. Be careful", "I put a dot of concealer", "Polka dot com pact", "la mise au point net",
    "le point info du magasin", "See you soon.Bye", "10 a.m. pickup", "Top.Com", "a.s.a.p",
    "w w w", "the [2001] edition", "ratio 2:1 [see note]", "v.2.0.1", "U.S.A. only",
    // A sentence's own "?" or "#" after a spelled-out dot or a run-on sentence is no query (stop 47).
    "which pen holds the point best?", "It was shipped on friday.Today?", "C'est où le point info?",
  ])("%j", (text) => expect(hosts(text)).toEqual([]));
});

describe("links: tenant modes", () => {
  it("allowlist holds everything outside allow, and lets subdomains of allowed domains through", () => {
    const f = demoFilters();
    expect(f.links("https://demo-beauty.com/faq")).toEqual([]);
    expect(f.links("see shop.demo-beauty.com/x")).toEqual([]);
    expect(f.links("demo-beauty.com.evil.com")).toHaveLength(1);
    expect(f.links("notdemo-beauty.com")).toHaveLength(1);
    expect(f.links("rivalbeauty.com").map((h) => h.detail)).toEqual(["rivalbeauty.com"]);
  });

  it("a public suffix in the allow list (stored before such entries were refused) allows nothing", () => {
    const m = createLinkMatcher({ mode: "allowlist", allow: ["com", "co.uk", "fr", "demo-beauty.com"], block: [] });
    expect(m.match(normalize("allez sur rivalbeauty.com")).map((h) => h.detail)).toEqual(["rivalbeauty.com"]);
    expect(m.match(normalize("ou rival.co.uk, ou rival.fr")).map((h) => h.detail)).toEqual(["rival.co.uk", "rival.fr"]);
    expect(m.match(normalize("sur demo-beauty.com"))).toEqual([]);
  });

  it("block wins over allow", () => {
    const m = createLinkMatcher({ mode: "allowlist", allow: ["demo-beauty.com"], block: ["ads.demo-beauty.com"] });
    expect(m.match(normalize("ads.demo-beauty.com/x"))).toHaveLength(1);
    expect(m.match(normalize("www.demo-beauty.com"))).toEqual([]);
  });

  it("blocklist holds only blocked domains, their subdomains, and hidden destinations", () => {
    const f = withLists({ links: { mode: "blocklist", allow: [], block: ["rival.example", "https://www.RivalBeauty.com/"] } });
    expect(f.links("rival.example")).toHaveLength(1);
    expect(f.links("shop.rival.example/promo")).toHaveLength(1);
    expect(f.links("rivalbeauty dot com")).toHaveLength(1);
    expect(f.links("www.rivalbeauty.com")).toHaveLength(1);
    expect(f.links("wikipedia.org is fine")).toEqual([]);
    expect(f.links("bit.ly/x")).toHaveLength(1);
    expect(f.links("http://203.0.113.9/promo")).toHaveLength(1);
    expect(f.links("http://[2001:db8::7]/promo")).toHaveLength(1);
    expect(f.links("version 1.2.3 of the app")).toEqual([]);
  });

  it("a blocklist tenant may allow a shortener explicitly", () => {
    const f = withLists({ links: { mode: "blocklist", allow: ["youtu.be"], block: [] } });
    expect(f.links("youtu.be/abc")).toEqual([]);
  });

  it("hits quote the original text with offsets", () => {
    const text = "allez sur RivalBeauty(.)com/Promo !";
    const [hit] = demoFilters().links(text);
    expect(hit).toMatchObject({ kind: "link", detail: "rivalbeauty.com", match: "RivalBeauty(.)com/Promo" });
    expect(text.slice(hit.start, hit.end)).toBe(hit.match);
  });
});

describe("links: leet TLDs and mixed-case disguises", () => {
  it.each([
    ["glowdeals.c0m", "glowdeals.com"],
    ["promos sur glowdeals.n3t", "glowdeals.net"],
    ["glow.sh0p/promo", "glow.shop"],
    ["glowdeals dot c0m", "glowdeals.com"],
    ["glowdeals.CoM", "glowdeals.com"],  // a capital inside the word: a disguise, not a sentence
  ])("%j → %s", (text, host) => expect(hosts(text)).toContain(host));

  it.each([
    "It's fine.Thanks", "top.Com", "I love it.MERCI", "c'est top.BRAVO", "1.5L", "ref 10.c0m", "v2.c0", "pack.300",
    "50ml.3 fois", "version 1.0.3", "Chanel No.5",
  ])("stays clean: %j", (text) => expect(hosts(text)).toEqual([]));
});

describe("links: the brand's own site (LinkMatcher.ownLinks)", () => {
  const own = createLinkMatcher({ mode: "allowlist", allow: ["demo-beauty.com", "linktr.ee"], block: ["rival.example", "outlet.demo-beauty.com"] });
  const spans = (text: string, m = own) => m.ownLinks(normalize(text));

  it("are the links to the tenant's allowed hosts when there is no other, however the address is disguised", () => {
    const text = "tapez demo-beauty point com slash promo, c'est le site officiel";
    expect(spans(text)?.map(([s, e]) => text.slice(s, e))).toEqual(["demo-beauty point com"]);
    expect(spans("https://shop.demo-beauty.com/promo")?.length).toBe(1);
    expect(spans("demo-beauty.com et rival.example")).toBeUndefined();
    expect(spans("demo-beauty.com ou cheap-serums.shop")).toBeUndefined();
    expect(spans("pas de lien ici, juste une question")).toBeUndefined();
    // A blocked host under an allowed one, or a link hub the list allows, is no site of the brand's.
    expect(spans("outlet.demo-beauty.com")).toBeUndefined();
    expect(spans("find me at linktr.ee/janeseller")).toBeUndefined();
    // A tenant that allows no host has no site of its own to name.
    expect(spans("demo-beauty.com", createLinkMatcher({ mode: "blocklist", allow: [], block: [] }))).toBeUndefined();
  });

  it("spare the model's contact guess that goes with the brand's address, not one the rest of the message makes", () => {
    // The model reads the brand's address as a contact request (its premise, checked on a tenant with
    // no site of its own: a retraining that changes it must find another line).
    const text = "allez sur demo-beauty point com slash contact";
    const noSite = withLists({ links: { mode: "blocklist", allow: [], block: [] } });
    expect(noSite.words(text).map((h) => `${h.kind} ${h.category}`)).toEqual(["classifier contact"]);
    expect(demoFilters().words(text)).toEqual([]);
    // Its spans are the original text's, whatever folds before the address (emoji, a ligature) or
    // inside it (a fullwidth letter), so the blanked copy keeps the message's length and offsets.
    const decorated = "😍😍 ﬁnally: allez sur demo-ｂeauty point com slash contact";
    expect(noSite.words(decorated).map((h) => `${h.kind} ${h.category}`)).toEqual(["classifier contact"]);
    expect(demoFilters().words(decorated)).toEqual([]);
    const spans = own.ownLinks(normalize(decorated));
    expect(spans?.map(([s, e]) => decorated.slice(s, e))).toEqual(["demo-ｂeauty point com"]);
    // A guess that stays once the address is blanked was the rest of the message; it quotes the message.
    const selling = "i sell the same serum for half, write to me privately, see demo-beauty.com for the photos";
    expect(own.ownLinks(normalize(selling))).toBeDefined();
    const guess = demoFilters().words(selling);
    expect(guess.map((h) => `${h.kind} ${h.category}`)).toEqual(["classifier contact"]);
    expect(guess[0]!.match).toBe(selling);
  });
});
