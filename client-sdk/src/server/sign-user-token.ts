import { importPKCS8, SignJWT, type CryptoKey, type KeyObject } from "jose";

/** The roles a brand's token may carry (SPEC §4); guests get their tokens from Causette itself. */
export type UserTokenRole = "member" | "expert" | "moderator" | "manager";
const ROLES: readonly UserTokenRole[] = ["member", "expert", "moderator", "manager"];

/** Who the token speaks for: the brand's own id for the shopper, the name others see, the role. */
export interface UserTokenClaims {
  /** The brand's id for the user (1–128 characters), as its own systems know them. */
  sub: string;
  /** The name shown in the chat; Causette cleans it and falls back to `sub` when nothing shows. */
  name?: string;
  /** Default `member`. `manager` is refused unless `allowManager` is set. */
  role?: UserTokenRole;
}

interface CommonOptions {
  /** The tenant's `auth.issuer`. */
  issuer: string;
  /** The tenant's `auth.audience`. */
  audience: string;
  /** Lifetime: seconds as a number, or a jose time span such as `"15m"` or `"1h"`. Default `"1h"`. */
  expiresIn?: number | string;
  /**
   * Signing a `manager` token opens the back office and every moderation action of the tenant:
   * the helper refuses it unless this says so, so a shopper's sign-in route can never mint one by
   * passing a role through from a request.
   */
  allowManager?: boolean;
}

/** HS256 with the tenant's `auth.hs256Secret` (at least 32 characters, as Causette requires). */
export interface SecretSigningOptions extends CommonOptions {
  secret: string | Uint8Array;
  privateKey?: never;
}

/** An asymmetric key whose public half is the tenant's `auth.publicKeyPem` (or is in its JWKS). */
export interface PrivateKeySigningOptions extends CommonOptions {
  /** A PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), a Node KeyObject or a WebCrypto CryptoKey. */
  privateKey: string | KeyObject | CryptoKey;
  /** Default `RS256`; must fit the key (`ES256` for a P-256 key, `EdDSA` for Ed25519, ...). */
  algorithm?: "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512" | "EdDSA";
  /** Optional `kid` header, for a tenant that verifies through a JWKS with several keys. */
  keyId?: string;
  secret?: never;
}

export type SignUserTokenOptions = SecretSigningOptions | PrivateKeySigningOptions;

/** Matches the server's own limit on `sub`. */
const MAX_SUB = 128;
const MIN_SECRET = 32;

/**
 * Mints the JWT a brand's backend hands to its signed-in shopper, for the widget (`data-token`
 * or `window.CausetteAuth`), `ChatClient`'s `token` or `<CausetteChat token>`.
 *
 * @example
 * const token = await signUserToken(
 *   { sub: user.id, name: user.firstName },
 *   { secret: process.env.CAUSETTE_SECRET!, issuer: "maison-lumiere", audience: "causette", expiresIn: "1h" },
 * );
 */
export async function signUserToken(claims: UserTokenClaims, options: SignUserTokenOptions): Promise<string> {
  const { sub, name } = claims;
  const role = claims.role ?? "member";
  if (typeof sub !== "string" || sub.length === 0 || sub.length > MAX_SUB) {
    throw new TypeError(`signUserToken: sub must be a string of 1 to ${MAX_SUB} characters`);
  }
  if (name !== undefined && typeof name !== "string") throw new TypeError("signUserToken: name must be a string");
  if (!ROLES.includes(role)) throw new TypeError(`signUserToken: role must be one of ${ROLES.join(", ")}`);
  if (role === "manager" && options.allowManager !== true) {
    throw new Error("signUserToken: refusing to sign a manager token; pass { allowManager: true } where a manager token is really meant");
  }
  if (!options.issuer || !options.audience) throw new TypeError("signUserToken: issuer and audience are required (the tenant's auth.issuer and auth.audience)");

  const payload: Record<string, string> = { role };
  if (name !== undefined) payload.name = name;
  const jwt = new SignJWT(payload)
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(expiry(options.expiresIn ?? "1h"));

  if ("secret" in options && options.secret !== undefined) {
    const key = typeof options.secret === "string" ? new TextEncoder().encode(options.secret) : options.secret;
    if (key.length < MIN_SECRET) throw new RangeError(`signUserToken: the secret must be at least ${MIN_SECRET} bytes, as the tenant's hs256Secret is`);
    return jwt.setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);
  }
  const { privateKey, keyId } = options as PrivateKeySigningOptions;
  if (!privateKey) throw new TypeError("signUserToken: pass either secret (HS256) or privateKey");
  const alg = (options as PrivateKeySigningOptions).algorithm ?? "RS256";
  const key = typeof privateKey === "string" ? await importPKCS8(privateKey, alg) : privateKey;
  return jwt.setProtectedHeader({ alg, typ: "JWT", ...(keyId ? { kid: keyId } : {}) }).sign(key);
}

/** jose reads a number as an absolute epoch second; a lifetime in seconds is what callers mean. */
function expiry(expiresIn: number | string): number | string {
  if (typeof expiresIn === "number") {
    if (!Number.isFinite(expiresIn) || expiresIn <= 0) throw new RangeError("signUserToken: expiresIn must be a positive number of seconds");
    return Math.floor(Date.now() / 1000) + Math.floor(expiresIn);
  }
  return expiresIn;
}
