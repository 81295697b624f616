import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";

/** The audit trail of every moderation action, per tenant. */
export interface AuditStore {
  appendAudit(tenant: string, entry: AuditEntry): Promise<void>;
  /** Newest first. `cursor` is opaque, refused with `invalid_payload` unless this store issued it. */
  listAudit(tenant: string, limit: number, cursor?: string): Promise<{ entries: AuditEntry[]; cursor?: string }>;
}
