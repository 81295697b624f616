import { z } from "zod";
import { FLAG_REASONS, MAX_RECHECK } from "../../client-sdk/src/protocol.ts";
import { appealCreateSchema, reportCreateSchema } from "../contracts/user-schemas.ts";

/** Payload schemas of /chat events (SPEC §5.1). Unknown keys are dropped, never trusted. */
const id = z.string().min(1).max(64);
const room = z.string().min(1).max(128);

export const chatSchemas = {
  "room:join": z.object({ room, since: id.optional(), recheck: z.array(id).max(MAX_RECHECK).optional() }),
  "room:leave": z.object({ room }),
  // Text length is judged by the validate stage so a long text gets `message_too_long`, not `invalid_payload`.
  "message:send": z.object({ room, text: z.string(), replyTo: id.optional(), clientId: z.string().min(1).max(128).optional() }),
  "message:flag": z.object({ messageId: id, reason: z.enum(FLAG_REASONS as [string, ...string[]]), note: z.string().max(500).optional() }),
  "message:helpful": z.object({ messageId: id }),
  "alert:raise": z.object({ room, note: z.string().trim().min(1).max(500) }),
  "notices:list": z.object({}),
  "appeal:create": appealCreateSchema,
  "message:report": reportCreateSchema,
};
