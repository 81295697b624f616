import { CausetteError } from "./errors.ts";

/**
 * Cursors this server hands out for paging (`queue:list`, `audit:list`, and the stores' own
 * cursors inside them): a small JSON value, base64url-encoded so clients treat it as opaque.
 * Decoding refuses anything that is not such a value, and each reader then checks its own shape,
 * calling `refuseCursor` on a mismatch, so a mangled cursor is an error (`invalid_payload`) rather
 * than a silent restart from page one, at every layer of the cursor.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The JSON value inside a cursor; throws `invalid_payload` when there is none. */
export function decodeCursorValue(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    return refuseCursor();
  }
}

/** The object inside a cursor; throws `invalid_payload` when there is none. */
export function decodeCursor(cursor: string): Record<string, unknown> {
  const v = decodeCursorValue(cursor);
  if (!v || typeof v !== "object" || Array.isArray(v)) refuseCursor();
  return v as Record<string, unknown>;
}

export function refuseCursor(): never {
  throw new CausetteError("invalid_payload", "cursor: not a cursor this server issued");
}
