import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Author, ReportDecision, ReportInput, ReportReceipt, ReportStatus } from "../../client-sdk/src/protocol.ts";
import { CausetteError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { StoredReport } from "../store/reports/report-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { SYSTEM } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import type { QueueEntry } from "../store/queue/review-queue-store.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";

/** Who reports: a chat user (a guest too), or nobody known (the public REST route); always a client IP. */
export interface Reporter {
  user?: Author;
  ip: string;
  /** A known bot's user agent (SPEC §4: bots read, never act on what others see). */
  bot?: boolean;
}

/**
 * The one way onto the review queue (ReviewQueue.enqueue), as this service needs it: named here
 * rather than imported, since the queue calls back into this service when it decides.
 */
export interface Enqueue {
  enqueue(tenant: string, entry: QueueEntry, message: StoredMessage): Promise<void>;
}

/** 24 random bytes: a receipt nobody guesses, short enough for a URL. */
const RECEIPT_BYTES = 24;

/**
 * Reports of illegal content (SPEC §9.3, DSA Art. 16): anyone reports a message, gets a receipt,
 * and the message goes to the top of the review queue. The manager's decision on the message is
 * the decision on every report still open on it (`decide`, called by the queue), told to the
 * reporter on their sockets and on the status URL their receipt opens.
 */
export class ReportService {
  constructor(
    private readonly deps: ModerationDepsWith<"reports" | "messages">,
    private readonly queue: Enqueue,
  ) {}

  async create(tenant: TenantRuntime, reporter: Reporter, p: ReportInput): Promise<{ report: ReportReceipt }> {
    const { stores, audit, events } = this.deps;
    const t = tenant.id;
    if (reporter.bot) throw new CausetteError("forbidden", "Automated clients may read but not report.");
    // Charged before anything is read: a flood of reports of unknown ids costs its sender the same.
    const waitMs = await tenant.limits.reportsPerIp.take(reporter.ip);
    if (waitMs > 0) throw new CausetteError("rate_limited", "Too many reports from your network, try again later.", { retryAfterMs: waitMs });
    const message = await stores.messages.getMessage(t, p.messageId);
    // Held and deleted messages are seen by nobody else: for a reporter they do not exist.
    if (!message || message.status === "held" || message.status === "deleted") throw new CausetteError("not_found", "No such message.");
    if (reporter.user && message.author.id === reporter.user.id) throw new CausetteError("forbidden", "You cannot report your own message.");
    const receipt = randomBytes(RECEIPT_BYTES).toString("base64url");
    const now = Date.now();
    const report: StoredReport = {
      id: newId("rp_"), tenant: t, messageId: message.id, room: message.room, category: p.category, explanation: p.explanation,
      ...(p.reporterName ? { reporterName: p.reporterName } : {}),
      ...(p.reporterEmail ? { reporterEmail: p.reporterEmail } : {}),
      ...(reporter.user ? { reporterUserId: reporter.user.id } : {}),
      receiptHash: hashReceipt(receipt), at: now, status: "received",
    };
    await stores.reports.addReport(t, report);
    // The explanation rides with the reason, as a flag's note does: the manager decides on it.
    await this.queue.enqueue(t, {
      messageId: message.id, kind: "report", priority: "high", queuedAt: now,
      reasons: [{ kind: "report", detail: p.category, match: p.explanation }],
    }, message);
    // Who reported stays out of the audit trail and the webhook: the report's id leads to it for those entitled.
    await audit.record(t, SYSTEM, "report.received",
      { reportId: report.id, messageId: message.id, room: message.room, authorId: message.author.id, category: p.category }, undefined, message.room);
    await events.emit(t, "report.created", {
      report: { id: report.id, messageId: message.id, room: message.room, category: p.category, explanation: p.explanation, at: now },
    });
    return { report: { id: report.id, status: "received", receipt } };
  }

  /** The report's state for the holder of its receipt; anyone else learns nothing, not even that it exists. */
  async status(tenant: TenantRuntime, reportId: string, receipt: string | undefined): Promise<{ report: ReportStatus }> {
    const r = receipt ? await this.deps.stores.reports.getReport(tenant.id, reportId) : null;
    if (!r || !receipt || !sameHash(r.receiptHash, hashReceipt(receipt))) throw new CausetteError("not_found", "No such report.");
    const report: ReportStatus = { id: r.id, status: r.status };
    if (r.decision) report.decision = r.decision;
    if (r.decidedAt !== undefined) report.decidedAt = r.decidedAt;
    return { report };
  }

  /** Whether the message was ever reported (its queue entry may be gone: another manager decided it). */
  wasReported(tenant: string, messageId: string): Promise<boolean> {
    return this.deps.stores.reports.wasReported(tenant, messageId);
  }

  /**
   * A manager decided the message: every report still open on it takes that decision, and each
   * reporter known to the chat is told on their sockets. Returns the reports decided now.
   */
  async decide(tenant: string, messageId: string, decision: ReportDecision): Promise<StoredReport[]> {
    const decided = await this.deps.stores.reports.decideReports(tenant, messageId, { decision, decidedAt: Date.now() });
    for (const r of decided) {
      if (r.reporterUserId) this.deps.broadcaster.toUser(tenant, r.reporterUserId, "report:decided", { reportId: r.id, messageId, decision });
    }
    return decided;
  }
}

function hashReceipt(receipt: string): string {
  return createHash("sha256").update(receipt).digest("hex");
}

/** Compares two hex digests in constant time. */
function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
