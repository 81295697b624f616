import { randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { GUEST_ID_PREFIX, isGuestId } from "../../client-sdk/src/protocol.ts";
import { cleanName } from "../filters/clean-text.ts";
import { hash53 } from "../filters/hash53.ts";

const GUEST_TTL_SEC = 30 * 24 * 3600;
const ISSUER = "causette-guest";

/**
 * `lineage` (claim `lin`): one per browser, minted with its first guest token and carried by
 * every token re-issued to it, so a ban can be traced to the browser (SPEC §10.2). Tokens minted
 * before lineages existed use their guest id.
 */
export interface GuestIdentity { id: string; name: string; lineage?: string }

/** A guest's name follows from its id, so the same guest keeps its name wherever it is rebuilt. */
export function guestName(id: string): string {
  return `Guest ${hash53(id) % 10000}`;
}

/** Guest tokens are signed by Causette itself; every node of a cluster must share `secret`. */
export function createGuestTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    /** A new guest with a random id and a friendly name. */
    async issue(tenant: string, existing?: GuestIdentity): Promise<{ identity: GuestIdentity; token: string }> {
      let identity = existing;
      if (!identity) {
        const id = `${GUEST_ID_PREFIX}${randomBytes(9).toString("base64url")}`;
        identity = { id, name: guestName(id), lineage: `l_${randomBytes(9).toString("base64url")}` };
      }
      const token = await new SignJWT({ name: identity.name, tenant, ...(identity.lineage ? { lin: identity.lineage } : {}) })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(identity.id)
        .setIssuer(ISSUER)
        .setAudience(tenant)
        .setIssuedAt()
        .setExpirationTime(`${GUEST_TTL_SEC}s`)
        .sign(key);
      return { identity, token };
    },
    /** The guest a token names, or null when it is forged, expired or from another tenant. */
    async verify(tenant: string, token: unknown): Promise<GuestIdentity | null> {
      if (typeof token !== "string" || token.length > 2048) return null;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: ISSUER, audience: tenant, requiredClaims: ["exp", "sub"] });
        if (typeof payload.sub !== "string" || !isGuestId(payload.sub)) return null;
        // Signed by us, but cleaned all the same: a token from an older node or a leaked secret
        // must not put a reversed or invisible name in front of managers.
        const lineage = typeof payload.lin === "string" && payload.lin.length <= 64 ? payload.lin : payload.sub;
        return { id: payload.sub, name: cleanName(payload.name, guestName(payload.sub)), lineage };
      } catch {
        return null;
      }
    },
  };
}
export type GuestTokens = ReturnType<typeof createGuestTokens>;
