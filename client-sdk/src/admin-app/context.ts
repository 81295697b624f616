import type { AdminClient } from "../admin-client.ts";
import type { Formatter } from "./format.ts";
import type { AdminStrings } from "./i18n.ts";
import type { Lifetime } from "./lifetime.ts";
import type { NameBook } from "./name-book.ts";

export type TabId = "dashboard" | "queue" | "rooms" | "people" | "ip" | "filters" | "alerts" | "appeals" | "audit" | "webhooks" | "transparency";

/** What every screen gets: the live client, words, formats, and ways to talk to the shell. */
export interface AppContext {
  admin: AdminClient;
  /**
   * These screens' share of the signed-in session: register here anything opened beyond `admin`
   * (feed listeners, connections, document listeners, timers) so sign-out, a server-ended
   * session and a language switch (which builds the screens again) release it.
   */
  life: Lifetime;
  t: AdminStrings;
  fmt: Formatter;
  /** Names for the user ids that bans, IP blocks and the audit log carry. */
  names: NameBook;
  /** Server base URL and credentials, for the REST calls the socket does not cover (exports). */
  url: string;
  tenant: string;
  token: string;
  toast(text: string, tone?: "ok" | "bad" | "info"): void;
  /** Switches tab, optionally handing the screen something to open (a user id, a room, an IP). */
  go(tab: TabId, arg?: string): void;
  setBadge(tab: TabId, count: number): void;
  /**
   * The queue screen's live count for the header, or undefined while it holds only part of the
   * queue: the header's stats tick every two seconds and would otherwise lag the queue beside it.
   */
  setReviewCount(count: number | undefined): void;
}

/** One screen of the back office. */
export interface Screen {
  readonly el: HTMLElement;
  /** Called each time the tab is shown; `arg` comes from ctx.go(). */
  show(arg?: string): void;
  /** Keyboard shortcuts while the screen is shown; true when the key was used. */
  onKey?(e: KeyboardEvent): boolean;
}
