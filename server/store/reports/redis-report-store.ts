import type { ReportDecision } from "../../../client-sdk/src/protocol.ts";
import { enc, type RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import type { ReportStore, StoredReport } from "./report-store.ts";

type Decision = { status: "decided"; decision: ReportDecision; decidedAt: number };

/**
 * The shared reports: `T rp:j` hash id -> report JSON as received, `T rp:d` hash id -> decision
 * JSON (HSETNX: decided once), `T rp:at` zset id by received at (for `between`),
 * `T rp:o:<message>` set of the message's reports still open, `T rp:m` set of every message
 * ever reported, and `T rp:u:<user>` set of the reports a user made from the chat (SPEC §9.5).
 */
export class RedisReportStore implements ReportStore {
  constructor(private readonly ctx: RedisContext) {}

  private keys(tenant: string) {
    const T = this.ctx.t(tenant);
    return {
      body: `${T}rp:j`, decision: `${T}rp:d`, at: `${T}rp:at`, reported: `${T}rp:m`,
      open: (messageId: string) => `${T}rp:o:${enc(messageId)}`, by: (userId: string) => `${T}rp:u:${enc(userId)}`,
    };
  }

  addReport(tenant: string, report: StoredReport) {
    // The reporter is handed a receipt for it: the write must survive a failover.
    return this.ctx.write(tenant, async () => {
      const k = this.keys(tenant);
      const m = this.ctx.client.multi().hset(k.body, report.id, JSON.stringify(report)).zadd(k.at, String(report.at), report.id).sadd(k.reported, report.messageId);
      if (report.status === "received") m.sadd(k.open(report.messageId), report.id);
      if (report.reporterUserId) m.sadd(k.by(report.reporterUserId), report.id);
      await exec(m);
    });
  }

  getReport(tenant: string, reportId: string) {
    return this.ctx.guard(async () => (await this.read(tenant, [reportId]))[0] ?? null);
  }

  decideReports(tenant: string, messageId: string, d: { decision: ReportDecision; decidedAt: number }) {
    return this.ctx.write(tenant, async () => {
      const k = this.keys(tenant);
      const ids = await this.ctx.client.smembers(k.open(messageId));
      if (!ids.length) return [];
      const json = JSON.stringify({ status: "decided", ...d } satisfies Decision);
      const m = this.ctx.client.multi();
      for (const id of ids) m.hsetnx(k.decision, id, json);
      // Only the ids read: a report filed in between stays open for the next decision.
      m.srem(k.open(messageId), ...ids);
      const won = (await exec(m)).slice(0, ids.length) as number[];
      const decided = ids.filter((_, i) => won[i] === 1);
      return (await this.read(tenant, decided)).filter((r): r is StoredReport => r !== null).sort((a, b) => a.at - b.at);
    });
  }

  wasReported(tenant: string, messageId: string) {
    return this.ctx.guard(async () => (await this.ctx.client.sismember(this.keys(tenant).reported, messageId)) === 1);
  }

  between(tenant: string, from: number, to: number) {
    return this.ctx.guard(async () => {
      // "(" makes `to` exclusive, as the memory half is.
      const ids = await this.ctx.client.zrangebyscore(this.keys(tenant).at, String(from), `(${to}`);
      return (await this.read(tenant, ids)).filter((r): r is StoredReport => r !== null);
    });
  }

  reportsBy(tenant: string, userId: string) {
    return this.ctx.guard(async () => {
      const ids = await this.ctx.client.smembers(this.keys(tenant).by(userId));
      return (await this.read(tenant, ids)).filter((r): r is StoredReport => r !== null).sort((a, b) => a.at - b.at);
    });
  }

  forgetReporter(tenant: string, userId: string) {
    return this.ctx.write(tenant, async () => {
      const k = this.keys(tenant);
      const ids = await this.ctx.client.smembers(k.by(userId));
      if (!ids.length) return 0;
      const bodies = await this.ctx.client.hmget(k.body, ...ids);
      const m = this.ctx.client.multi();
      let n = 0;
      bodies.forEach((json, i) => {
        if (!json) return;
        const { reporterUserId: _u, reporterName: _n, reporterEmail: _e, ...rest } = JSON.parse(json) as StoredReport;
        m.hset(k.body, ids[i]!, JSON.stringify({ ...rest, explanation: "" }));
        n++;
      });
      m.del(k.by(userId));
      await exec(m);
      return n;
    });
  }

  private async read(tenant: string, ids: string[]): Promise<(StoredReport | null)[]> {
    if (!ids.length) return [];
    const k = this.keys(tenant);
    const [bodies, decisions] = await exec(this.ctx.client.multi().hmget(k.body, ...ids).hmget(k.decision, ...ids)) as [(string | null)[], (string | null)[]];
    return ids.map((_, i) => {
      if (!bodies[i]) return null;
      const report = JSON.parse(bodies[i]!) as StoredReport;
      if (decisions[i]) Object.assign(report, JSON.parse(decisions[i]!) as Decision);
      return report;
    });
  }
}
