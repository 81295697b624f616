import type { ZodType } from "zod";
import { CausetteError } from "../errors.ts";

/**
 * Validates a payload against its schema and answers what the schema parsed, or throws
 * `invalid_payload` naming the first offending field ("room: Too big", "payload: Required").
 * The one way every door (the socket namespaces, the REST API, the action table) turns a zod
 * failure into the SPEC error, so the same bad input reads the same everywhere.
 *
 * @example
 *   const { room } = parsePayload(z.object({ room: z.string() }), raw);
 */
export function parsePayload<T>(schema: ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CausetteError("invalid_payload", issue ? `${issue.path.join(".") || "payload"}: ${issue.message}` : undefined);
}
