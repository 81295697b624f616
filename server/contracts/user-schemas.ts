import { z } from "zod";

/**
 * Payloads a user sends about their own restrictions (SPEC §9.2), shared by the /chat door and the
 * REST door a banned user reads and appeals through, so both accept exactly the same input.
 */
export const appealCreateSchema = z.object({ noticeId: z.string().min(1).max(64), text: z.string().trim().min(1).max(2000) });
