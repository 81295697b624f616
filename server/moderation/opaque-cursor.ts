import { CausetteError } from "../errors.ts";

/**
 * Cursors this server hands out for paging (`queue:list`, `audit:list`): a small JSON object,
 * base64url-encoded so clients treat it as opaque. Decoding refuses anything that is not such an
 * object, and each caller then checks its own fields with `refuseCursor` on a mismatch, so a
 * mangled cursor is an error rather than a silent restart from page one.
 */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The object inside a cursor; throws `invalid_payload` when there is none. */
export function decodeCursor(cursor: string): Record<string, unknown> {
  let v: unknown;
  try { v = JSON.parse(Buffer.from(cursor, "base64url").toString()); } catch { v = undefined; }
  if (!v || typeof v !== "object" || Array.isArray(v)) refuseCursor();
  return v as Record<string, unknown>;
}

export function refuseCursor(): never {
  throw new CausetteError("invalid_payload", "cursor: not a cursor this server issued");
}
