import { CausetteError } from "../errors.ts";

/** A reporting period in epoch ms: `from` included, `to` excluded. */
export interface Period { from: number; to: number }

const DAY_MS = 24 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The period of `transparency:get` and `statements:list` (SPEC §9.4), from ISO-8601 dates or
 * date-times. A date is a UTC day, and as `to` it counts whole: `from=2026-11-01&to=2026-11-30` is
 * all of November. A date-time without an offset is UTC (ISO-8601 leaves it "local", which would
 * make a period depend on the server's time zone). Impossible days (2026-02-31) and a `to` not after `from` are
 * `invalid_payload`.
 */
export function parsePeriod(p: { from: string; to: string }): Period {
  const from = instant(p.from, "from", false);
  const to = instant(p.to, "to", true);
  if (to <= from) throw new CausetteError("invalid_payload", "to: must be after from");
  return { from, to };
}

function instant(value: string, field: string, endOfDay: boolean): number {
  const day = DATE.exec(value.slice(0, 10));
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value.slice(10));
  const ms = value.length === 10 ? Date.parse(`${value}T00:00:00Z`) : Date.parse(zoned ? value : `${value}Z`);
  // Date.parse rolls 2026-02-31 over into March: the day it lands on must be the day written.
  const real = day !== null && Number.isFinite(ms)
    && new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))).toISOString().startsWith(value.slice(0, 10));
  if (!real) throw new CausetteError("invalid_payload", `${field}: not a real date`);
  return value.length === 10 && endOfDay ? ms + DAY_MS : ms;
}
