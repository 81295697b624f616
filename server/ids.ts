import { randomBytes } from "node:crypto";

/** Time-ordered ids (base36 ms + random) so ids sort roughly by creation across nodes. */
export function newId(prefix = ""): string {
  return `${prefix}${Date.now().toString(36).padStart(9, "0")}${randomBytes(6).toString("base64url")}`;
}
