import { createPublicKey } from "node:crypto";
import { createRemoteJWKSet, errors as joseErrors, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyObject } from "jose";
import { ROLES, type Role } from "../../client-sdk/src/protocol.ts";
import type { TenantConfig } from "../config/schema.ts";
import { CausetteError } from "../errors.ts";
import { cleanName } from "../filters/clean-text.ts";

export interface BrandClaims {
  sub: string;
  name: string;
  role: Exclude<Role, "guest">;
  /** Epoch ms from which this verifier refuses the token: its `exp` plus the tenant's clock tolerance. */
  validUntil: number;
}

export type TokenVerifier = (token: string) => Promise<BrandClaims>;

/** Algorithms are pinned to the key type so a token can never choose its own (no `none`, no HS/RS confusion). */
function algorithmsFor(pem: string): string[] {
  const key = createPublicKey(pem);
  switch (key.asymmetricKeyType) {
    case "rsa": return ["RS256", "RS384", "RS512"];
    case "rsa-pss": return ["PS256", "PS384", "PS512"];
    case "ec": {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return [curve === "secp384r1" ? "ES384" : curve === "secp521r1" ? "ES512" : "ES256"];
    }
    case "ed25519": return ["EdDSA"];
    default: throw new Error(`unsupported public key type ${key.asymmetricKeyType}`);
  }
}

/** Compiles the tenant's key once; the returned function verifies one brand JWT. */
export function createTokenVerifier(auth: TenantConfig["auth"]): TokenVerifier {
  let key: Uint8Array | KeyObject | JWTVerifyGetKey | Promise<KeyObject>;
  let algorithms: string[];
  if (auth.hs256Secret) {
    key = new TextEncoder().encode(auth.hs256Secret);
    algorithms = ["HS256"];
  } else if (auth.publicKeyPem) {
    algorithms = algorithmsFor(auth.publicKeyPem);
    key = importSPKI(auth.publicKeyPem, algorithms[0]!) as Promise<KeyObject>;
  } else {
    key = createRemoteJWKSet(new URL(auth.jwksUrl!), { timeoutDuration: 3000, cooldownDuration: 30_000 });
    algorithms = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"];
  }
  return async (token) => {
    if (typeof token !== "string" || token.length > 8192) throw new CausetteError("invalid_token");
    try {
      const resolved = key instanceof Promise ? await key : key;
      const { payload } = await jwtVerify(token, resolved as Parameters<typeof jwtVerify>[1] & KeyObject, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: auth.clockToleranceSec,
        requiredClaims: ["exp", "sub"],
      });
      const role = payload.role ?? "member";
      if (typeof payload.sub !== "string" || !payload.sub || payload.sub.length > 128) throw new CausetteError("invalid_token", "The token has no valid sub claim.");
      if (typeof role !== "string" || !ROLES.includes(role as Role) || role === "guest") throw new CausetteError("invalid_token", "The token's role is not one Causette knows.");
      // The brand's name for the user, cleaned like a message text; without one that shows, the
      // brand's id for them (what a manager can search), and failing that a role word.
      const name = cleanName(payload.name, cleanName(payload.sub, "Member"));
      // `exp` is required above, so jose has checked it is a number.
      const validUntil = (payload.exp! + auth.clockToleranceSec) * 1000;
      return { sub: payload.sub, name, role: role as BrandClaims["role"], validUntil };
    } catch (e) {
      if (e instanceof CausetteError) throw e;
      const expired = e instanceof joseErrors.JWTExpired;
      throw new CausetteError("invalid_token", expired ? "The token has expired." : "The token is invalid.");
    }
  };
}
