import type { AuditEntry } from "../../../client-sdk/src/protocol.ts";

/** The audit trail of every moderation action, per tenant. */
export interface AuditStore {
  appendAudit(tenant: string, entry: AuditEntry): Promise<void>;
  /** Newest first. `cursor` is opaque, refused with `invalid_payload` unless this store issued it. */
  listAudit(tenant: string, limit: number, cursor?: string): Promise<{ entries: AuditEntry[]; cursor?: string }>;
  /**
   * SPEC §9.5 erasure: `change` sees every kept entry and answers a replacement (same id, same
   * place in the trail) or undefined to leave it. The trail stays append-only otherwise: this is
   * only for taking a person's words or name out of it. Answers how many entries changed.
   */
  rewriteAudit(tenant: string, change: (entry: AuditEntry) => AuditEntry | undefined): Promise<number>;
}
