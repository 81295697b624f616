import { parseArgs } from "node:util";
import { SignJWT } from "jose";
import { ROLES } from "../../client-sdk/src/protocol.ts";
import { loadConfig } from "../config/load.ts";

/** `npm run token -- --tenant demo --role manager --sub cm-1 --name Camille [--ttl 8h]`: prints a brand JWT for trying things. */
const { values } = parseArgs({
  options: {
    tenant: { type: "string", default: "demo" },
    role: { type: "string", default: "member" },
    sub: { type: "string" },
    name: { type: "string" },
    ttl: { type: "string", default: "8h" },
  },
});
const config = loadConfig();
const tenant = config.tenants.find((t) => t.id === values.tenant);
if (!tenant) {
  console.error(`Unknown tenant "${values.tenant}". Known: ${config.tenants.map((t) => t.id).join(", ")}`);
  process.exit(2);
}
if (!tenant.auth.hs256Secret) {
  console.error(`Tenant "${tenant.id}" verifies tokens with a public key; sign its tokens with the brand's private key instead.`);
  process.exit(2);
}
const role = values.role!;
if (!ROLES.includes(role as never) || role === "guest") {
  console.error(`--role must be one of member, expert, moderator, manager`);
  process.exit(2);
}
const sub = values.sub ?? `${role}-1`;
const token = await new SignJWT({ name: values.name ?? sub, role })
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setSubject(sub)
  .setIssuer(tenant.auth.issuer)
  .setAudience(tenant.auth.audience)
  .setIssuedAt()
  .setExpirationTime(values.ttl!)
  .sign(new TextEncoder().encode(tenant.auth.hs256Secret));
console.log(token);
