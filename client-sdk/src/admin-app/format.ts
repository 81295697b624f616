import type { Device } from "../protocol.ts";
import type { AdminStrings, Lang } from "./i18n.ts";

/** Dates, durations and devices as managers read them, in the UI language. */
export class Formatter {
  private readonly dt: Intl.DateTimeFormat;
  private readonly hm: Intl.DateTimeFormat;
  private readonly full: Intl.DateTimeFormat;
  private readonly fullYear: Intl.DateTimeFormat;
  private readonly clockHm: Intl.DateTimeFormat;
  private readonly clockDay: Intl.DateTimeFormat;
  constructor(private readonly lang: Lang, private readonly t: AdminStrings) {
    this.dt = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    this.full = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    this.fullYear = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    this.hm = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    this.clockHm = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
    this.clockDay = new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  }

  /** A chart's time: hours and minutes, with the weekday when the chart spans days. */
  clock(at: number, weekday: boolean): string {
    return (weekday ? this.clockDay : this.clockHm).format(at);
  }

  /** Today's events show the time only; older ones the date too. */
  time(at: number): string {
    return new Date(at).toDateString() === new Date().toDateString() ? this.hm.format(at) : this.dt.format(at);
  }

  /** Always with the day (a record read later, exported or compared): "Tue 4 Mar, 14:03:22"; the year when not this one. */
  dateTime(at: number): string {
    return (new Date(at).getFullYear() === new Date().getFullYear() ? this.full : this.fullYear).format(at);
  }

  until(until: number | undefined): string {
    return until === undefined ? this.t.permanent : this.t.until(this.dt.format(until));
  }

  device(d: Device | undefined): string {
    if (!d) return this.t.none;
    const type = this.t.devices[d.type] ?? d.type;
    return [d.browser, d.os, type].filter(Boolean).join(" · ") + (d.bot && d.type !== "bot" ? ` · ${this.t.devices.bot}` : "");
  }

  role(role: string): string {
    return (this.t.roles as Record<string, string>)[role] ?? role;
  }

  /** A calendar month in UTC, as a period is counted: "November 2026", "novembre 2026". */
  month(at: number): string {
    return new Intl.DateTimeFormat(this.lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(at);
  }

  number(n: number, digits = 0): string {
    return n.toLocaleString(this.lang, { maximumFractionDigits: digits });
  }
}

/** Duration presets (seconds; undefined = permanent) shared by bans, mutes and IP blocks. */
export const BAN_PRESETS: readonly (number | undefined)[] = [3600, 86_400, 604_800, undefined];
export const MUTE_PRESETS: readonly number[] = [600, 3600, 86_400];
export const SLOW_PRESETS: readonly number[] = [0, 5, 10, 30, 60, 300];
