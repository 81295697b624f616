import { SignJWT } from "jose";
import { SECRETS } from "./config.ts";

export interface TokenOpts {
  tenant?: keyof typeof SECRETS;
  sub?: string;
  name?: string;
  role?: string;
  /** Seconds from now; negative for an expired token; null for no exp claim at all. */
  expiresIn?: number | null;
  issuer?: string;
  audience?: string;
  secret?: string;
}

/** A brand JWT as a tenant's backend would mint it, with knobs to break each claim. */
export async function mintToken(o: TokenOpts = {}): Promise<string> {
  const tenant = o.tenant ?? "acme";
  const claims: Record<string, unknown> = { name: o.name ?? o.sub ?? "Test User" };
  if (o.role !== undefined) claims.role = o.role;
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuer(o.issuer ?? `${tenant}-issuer`)
    .setAudience(o.audience ?? "causette").setIssuedAt();
  if (o.sub !== "") jwt = jwt.setSubject(o.sub ?? "user-1");
  if (o.expiresIn !== null) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (o.expiresIn ?? 3600));
  return jwt.sign(new TextEncoder().encode(o.secret ?? SECRETS[tenant]));
}

/** An unsigned `alg: none` token carrying the same claims. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.`;
}
