import { z } from "zod";
import { DSA_CATEGORIES, REPORT_LIMITS } from "../../client-sdk/src/protocol.ts";

/**
 * Payloads a user sends about their own restrictions (SPEC §9.2), shared by the /chat door and the
 * REST door a banned user reads and appeals through, so both accept exactly the same input.
 */
export const appealCreateSchema = z.object({ noticeId: z.string().min(1).max(64), text: z.string().trim().min(1).max(2000) });

/**
 * SPEC §9.3: a report of illegal content, the same on `/chat` `message:report` and the public
 * `POST reports`. `goodFaith` must be the literal `true`: the reporter's statement, not a default.
 * An empty name or e-mail is refused rather than kept as "given".
 */
export const reportCreateSchema = z.object({
  messageId: z.string().min(1).max(64),
  category: z.enum(DSA_CATEGORIES),
  explanation: z.string().trim().min(1).max(REPORT_LIMITS.explanation),
  reporterName: z.string().trim().min(1).max(REPORT_LIMITS.name).optional(),
  reporterEmail: z.string().trim().max(REPORT_LIMITS.email).pipe(z.email()).optional(),
  goodFaith: z.literal(true),
});
