import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ChatError } from "../../client-sdk/src/index.ts";
import { signUserToken } from "../../client-sdk/src/server/index.ts";
import { SECRETS, testConfig } from "../support/config.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The brand's backend mints tokens with signUserToken; a real Causette tenant must accept them. */
describe("signUserToken against a real tenant", () => {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privatePem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  let server: TestServer;
  // acme verifies HS256 with its secret; other verifies RS256 with the brand's public key.
  const hs = { secret: SECRETS.acme, issuer: "acme-issuer", audience: "causette" };
  const rs = { privateKey: privatePem, issuer: "other-issuer", audience: "causette" };

  beforeAll(async () => {
    server = await startServer(testConfig({
      other: { auth: { hs256Secret: undefined, publicKeyPem: rsa.publicKey.export({ type: "spki", format: "pem" }).toString() } },
    }));
  });
  afterAll(async () => { await server?.close(); });

  const sessionWith = async (tenant: "acme" | "other", token: string) => (await server.connected({ tenant, token })).session!.user;
  const refusal = async (tenant: "acme" | "other", token: string) => {
    const c = await server.client({ tenant, token });
    return c.connect().then(() => "connected", (e: ChatError) => e.code);
  };

  it("HS256: the tenant's secret signs a token the tenant accepts, role and name included", async () => {
    const token = await signUserToken({ sub: "cust-1", name: "Amélie", role: "expert" }, hs);
    expect(decodeProtectedHeader(token).alg).toBe("HS256");
    expect(await sessionWith("acme", token)).toEqual({ id: "cust-1", name: "Amélie", role: "expert" });
    // Without a role the token is a member's.
    expect((await sessionWith("acme", await signUserToken({ sub: "cust-2" }, hs))).role).toBe("member");
  });

  it("RS256: a PEM private key, or a KeyObject, signs tokens the tenant's public key verifies", async () => {
    const fromPem = await signUserToken({ sub: "cust-3", name: "Bo" }, rs);
    expect(decodeProtectedHeader(fromPem)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(await sessionWith("other", fromPem)).toEqual({ id: "cust-3", name: "Bo", role: "member" });
    const fromKey = await signUserToken({ sub: "cust-4", name: "Chloé", role: "moderator" }, { ...rs, privateKey: rsa.privateKey, keyId: "k1" });
    expect(decodeProtectedHeader(fromKey).kid).toBe("k1");
    expect(await sessionWith("other", fromKey)).toEqual({ id: "cust-4", name: "Chloé", role: "moderator" });
  });

  it("tokens for another tenant, or signed with another key, are refused by the server", async () => {
    expect(await refusal("other", await signUserToken({ sub: "x" }, hs))).toBe("invalid_token");
    expect(await refusal("acme", await signUserToken({ sub: "x" }, { ...hs, secret: SECRETS.other }))).toBe("invalid_token");
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(await refusal("other", await signUserToken({ sub: "x" }, { ...rs, privateKey: stranger }))).toBe("invalid_token");
  });

  it("refuses to sign a manager token unless allowManager says so; with it, the back office opens", async () => {
    await expect(signUserToken({ sub: "cm-1", role: "manager" }, hs)).rejects.toThrow(/refusing to sign a manager token.*allowManager/);
    await expect(signUserToken({ sub: "cm-1", role: "manager" }, { ...rs, allowManager: false })).rejects.toThrow(/manager/);
    const token = await signUserToken({ sub: "cm-1", name: "Camille", role: "manager" }, { ...hs, allowManager: true });
    const admin = new AdminClient({ url: server.url, tenant: "acme", token });
    try {
      expect((await admin.connect()).user).toEqual({ id: "cm-1", name: "Camille", role: "manager" });
    } finally { admin.disconnect(); }
  });

  it("sets the lifetime: one hour by default, seconds or a time span when given", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = decodeJwt(await signUserToken({ sub: "u" }, hs));
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.exp!).toBeGreaterThanOrEqual(now + 3600);
    const ten = decodeJwt(await signUserToken({ sub: "u" }, { ...hs, expiresIn: 600 }));
    expect(ten.exp! - ten.iat!).toBe(600);
    const span = decodeJwt(await signUserToken({ sub: "u" }, { ...hs, expiresIn: "15m" }));
    expect(span.exp! - span.iat!).toBe(900);
    expect(span).toMatchObject({ iss: "acme-issuer", aud: "causette", sub: "u", role: "member" });
  });

  it("refuses bad input with a clear error instead of minting a token the server would refuse", async () => {
    const bad: [Parameters<typeof signUserToken>[0], Parameters<typeof signUserToken>[1], RegExp][] = [
      [{ sub: "" }, hs, /sub must be/],
      [{ sub: "x".repeat(129) }, hs, /sub must be/],
      [{ sub: 42 as unknown as string }, hs, /sub must be/],
      [{ sub: "u", role: "guest" as never }, hs, /role must be one of/],
      [{ sub: "u", name: {} as never }, hs, /name must be a string/],
      [{ sub: "u" }, { ...hs, secret: "short" }, /at least 32 bytes/],
      [{ sub: "u" }, { ...hs, issuer: "" }, /issuer and audience are required/],
      [{ sub: "u" }, { ...hs, expiresIn: -5 }, /positive number of seconds/],
      [{ sub: "u" }, { issuer: "i", audience: "a" } as never, /either secret .* or privateKey/],
    ];
    for (const [claims, options, message] of bad) await expect(signUserToken(claims, options)).rejects.toThrow(message);
  });
});
