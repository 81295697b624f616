import { io, type Socket } from "socket.io-client";
import { ChatError, FATAL_CONNECT_CODES } from "./chat-error.ts";
import { Emitter } from "./emitter.ts";
import type {
  AdminServerEvents, AdminSessionEnded, Alert, Appeal, AuditEntry, Author, Ban, Candidate, Contribution, FilterPolicy, FilterSettings, IpBlock, LexiconTerm, Message, MessageContext, PersonSummary, QueueItem, RoomInfo,
  SessionInfo, Stats, Dashboard, DashboardRange, TransparencyReport, UserDataErasure, UserDataExport, UserInspect, WebhookDelivery, WebhookEndpointInfo, WebhookEndpointInput,
} from "./protocol.ts";
import { request } from "./request.ts";

export interface AdminClientOptions {
  /** Server base URL, e.g. `https://chat.example.com` (the `/admin` namespace is added). */
  url: string;
  tenant: string;
  /** A manager JWT of the brand. */
  token: string;
  /** How long to wait for each acknowledgement. Default 10 s. */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (transports, extraHeaders in Node, reconnection delays...). */
  socketOptions?: Record<string, unknown>;
}

/** Live back-office events (SPEC §5.3, after `subscribe()`), plus the connection state for UIs. */
export type AdminClientFeedEvents = AdminServerEvents & {
  /**
   * "connected", "reconnecting" (temporary), "closed" (given up). A "closed" the server caused
   * carries why when it is known (e.g. `invalid_token` once the manager token expired): signing
   * in again is then the only way back.
   */
  status: (s: "connected" | "reconnecting" | "closed", error?: ChatError) => void;
};

const FORWARDED = ["queue:added", "queue:resolved", "alert", "alert:acked", "audit", "stats", "dashboard:tick", "room:updated", "room:pinned", "room:unpinned", "appeal:created", "appeal:resolved"] as const;

/**
 * A community manager's connection to the back office: one typed method per `/admin` event,
 * live feed events through `on()`. After a reconnect the feed subscription is renewed by itself.
 *
 * @example
 * const admin = new AdminClient({ url: "http://localhost:8080", tenant: "demo", token });
 * await admin.connect();
 * admin.on("queue:added", (item) => render(item));
 * await admin.subscribe();
 * const { items } = await admin.listQueue();
 * await admin.resolve(items[0].message.id, "remove", { reason: "spam", durationSec: 3600 });
 */
export class AdminClient extends Emitter<AdminClientFeedEvents> {
  readonly socket: Socket;
  private readonly timeout: number;
  private currentSession: SessionInfo | undefined;
  private connected = false;
  /** The last feed subscription, renewed after a reconnect (undefined: not subscribed). */
  private feed: { rooms?: string[] } | undefined;
  /** Why the server ended this session (`session:ended`), reported with the "closed" that follows. */
  private ended: ChatError | undefined;
  /**
   * Set once this client is closed for good (disconnect(), session ended, handshake refused):
   * what every later call rejects with at once. socket.io would otherwise buffer those emits
   * and each caller would wait out the whole ack timeout for an answer that can never come.
   */
  private closedWith: ChatError | undefined;
  /** Rejecters of the calls still waiting for an ack, so closing can fail them at once too. */
  private readonly waiting = new Set<(err: ChatError) => void>();

  constructor(opts: AdminClientOptions) {
    super();
    this.timeout = opts.ackTimeoutMs ?? 10_000;
    const base = opts.url.replace(/\/+$/, "");
    this.socket = io(`${base}/admin`, {
      autoConnect: false,
      // Its own connection: never multiplexed with a ChatClient's, whose sessions a ban may end.
      forceNew: true,
      transports: ["websocket"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      auth: { tenant: opts.tenant, token: opts.token },
      ...(opts.socketOptions ?? {}),
    });
    this.socket.on("session", (s: SessionInfo) => this.onSession(s));
    for (const ev of FORWARDED) this.socket.on(ev, (p: unknown) => this.emit(ev, p as never));
    this.socket.on("session:ended", (p: AdminSessionEnded) => {
      this.ended = new ChatError(p.code, p.reason ?? p.code);
      this.emit("session:ended", p);
    });
    this.socket.on("disconnect", (reason) => {
      this.connected = false;
      if (this.ended) {
        // Whatever closed the transport, reconnecting with the same token could only be refused.
        this.shut(this.ended);
        this.emit("status", "closed", this.ended);
      } else if (reason === "io client disconnect") this.emit("status", "closed");
      else if (reason === "io server disconnect") {
        // socket.io never reconnects after a server-side disconnect: this session is over.
        this.shut(new ChatError("unauthorized", "The server closed this back-office session."));
        this.emit("status", "closed");
      } else this.emit("status", "reconnecting");
    });
    this.socket.on("connect_error", (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code && FATAL_CONNECT_CODES.has(code)) {
        const e = ChatError.from(err.data as never);
        this.shut(e);
        this.emit("status", "closed", e);
      } else this.emit("status", "reconnecting", code ? ChatError.from(err.data as never) : undefined);
    });
  }

  get session(): SessionInfo | undefined { return this.currentSession; }

  /** Connects and resolves with the session, or rejects with the handshake's ChatError (e.g. `forbidden`). */
  connect(): Promise<SessionInfo> {
    if (this.connected && this.currentSession) return Promise.resolve(this.currentSession);
    this.ended = undefined;
    this.closedWith = undefined;
    return new Promise((resolve, reject) => {
      const onSession = (s: SessionInfo) => { cleanup(); resolve(s); };
      const onError = (err: Error & { data?: { code?: string } }) => {
        const code = err.data?.code;
        // Transient failures keep socket.io's own retries going; only a refusal ends connect().
        if (code && (FATAL_CONNECT_CODES.has(code) || code === "too_many_connections")) {
          cleanup();
          const e = ChatError.from(err.data as never);
          this.shut(e);
          reject(e);
        }
      };
      const cleanup = () => { this.socket.off("session", onSession); this.socket.off("connect_error", onError); };
      this.socket.on("session", onSession);
      this.socket.on("connect_error", onError);
      this.socket.connect();
    });
  }

  /**
   * Closes the client for good (until `connect()` again): calls waiting for an answer, and any
   * made afterwards, reject at once with `unauthorized`, or with the code the server ended the
   * session with when it did so first.
   */
  disconnect(): void { this.shut(new ChatError("unauthorized", "This back-office client is closed (signed out).")); }

  // ---- live feed

  /** Starts the live feed for every room, or only `rooms`; calling it again replaces the selection. */
  async subscribe(rooms?: string[]): Promise<void> {
    const p = rooms?.length ? { rooms } : {};
    await this.call("feed:subscribe", p);
    this.feed = p;
  }

  // ---- review queue

  listQueue(opts: { limit?: number; cursor?: string } = {}): Promise<{ items: QueueItem[]; cursor?: string }> {
    return this.call("queue:list", opts);
  }

  /**
   * Approves or removes a queued message; `ban` also bans its author. Rejects with `conflict` if
   * another manager was first, `not_found` if the message is unknown or was never queued.
   */
  async resolve(messageId: string, decision: "approve" | "remove", ban?: { reason: string; durationSec?: number }, opts: { trust?: boolean } = {}): Promise<Message> {
    return (await this.call<{ message: Message }>("queue:resolve", { messageId, decision, ...(ban ? { ban } : {}), ...(opts.trust ? { trust: true } : {}) })).message;
  }

  // ---- rooms and messages

  async deleteMessage(messageId: string, reason?: string): Promise<void> {
    await this.call("message:delete", { messageId, ...(reason ? { reason } : {}) });
  }

  /** Deletes every message of a room; resolves with how many. */
  async clearRoom(room: string, reason?: string): Promise<number> {
    return (await this.call<{ deleted: number }>("room:clear", { room, ...(reason ? { reason } : {}) })).deleted;
  }

  async updateRoom(room: string, patch: { frozen?: boolean; slowModeSec?: number; contribution?: Contribution; shield?: boolean }): Promise<RoomInfo> {
    return (await this.call<{ room: RoomInfo }>("room:update", { room, ...patch })).room;
  }

  async listRooms(): Promise<RoomInfo[]> {
    return (await this.call<{ rooms: RoomInfo[] }>("rooms:list", {})).rooms;
  }

  /** A room's recent messages of every status, oldest first. */
  async roomHistory(room: string, limit?: number): Promise<Message[]> {
    return (await this.call<{ messages: Message[] }>("room:history", { room, ...(limit ? { limit } : {}) })).messages;
  }

  // ---- brand voice

  /** Posts in a room as the brand (a `team` message signed with the brand's name); the same `clientId` again returns the first post. */
  async postAsBrand(room: string, text: string, opts: { replyTo?: string; clientId?: string } = {}): Promise<Message> {
    return (await this.call<{ message: Message }>("room:post", { room, text, ...opts })).message;
  }

  /** Pins a visible message of the room at the top of every widget, replacing any other pin; resolves with it. */
  async pin(room: string, messageId: string): Promise<Message> {
    return (await this.call<{ message: Message }>("room:pin", { room, messageId })).message;
  }

  /** Unpins the room's message; false when none was pinned. */
  async unpin(room: string): Promise<boolean> {
    return (await this.call<{ unpinned: boolean }>("room:unpin", { room })).unpinned;
  }

  /** A message with up to `before`/`after` of its neighbours in its room, every status. */
  queueContext(messageId: string, opts: { before?: number; after?: number } = {}): Promise<MessageContext> {
    return this.call("queue:context", { messageId, ...opts });
  }

  // ---- people

  /** SPEC §10.3's purge on its own: deletes the user's messages of the last `purgeSec` seconds, in every room. */
  async purge(userId: string, purgeSec: number): Promise<number> {
    return (await this.call<{ purged: number }>("user:purge", { userId, purgeSec })).purged;
  }

  /** People by exact id, or whose name starts with `query` (case and accents aside). */
  async searchPeople(query: string, limit?: number): Promise<PersonSummary[]> {
    return (await this.call<{ people: PersonSummary[] }>("people:search", { query, ...(limit ? { limit } : {}) })).people;
  }

  /** The known ones among these ids (up to 200), with their latest names. */
  async names(ids: string[]): Promise<Author[]> {
    return (await this.call<{ people: Author[] }>("people:names", { ids })).people;
  }

  /** Who is connected to the chat now. */
  async online(limit?: number): Promise<PersonSummary[]> {
    return (await this.call<{ people: PersonSummary[] }>("people:online", limit ? { limit } : {})).people;
  }

  /** The latest authors, newest first. */
  async recentAuthors(limit?: number): Promise<PersonSummary[]> {
    return (await this.call<{ people: PersonSummary[] }>("people:recent", limit ? { limit } : {})).people;
  }

  /** Bans a user; without `durationSec` the ban is permanent; `purgeSec` also deletes their recent messages. Resolves with when it ends (and how many were deleted). */
  ban(userId: string, opts: { reason: string; durationSec?: number; shadow?: boolean; purgeSec?: number }): Promise<{ until?: number; purged?: number }> {
    return this.call("user:ban", { userId, ...opts });
  }

  /** Clears a ban-evasion link between two accounts (SPEC §10.2). */
  async unlink(userId: string, linkedUserId: string): Promise<void> { await this.call("user:unlink", { userId, linkedUserId }); }

  // ---- alerts

  /** Kept alerts, newest first; `open`: not acknowledged yet. */
  async listAlerts(opts: { status?: "open" | "acked"; limit?: number } = {}): Promise<Alert[]> {
    return (await this.call<{ alerts: Alert[] }>("alerts:list", opts)).alerts;
  }

  /** Acknowledges an alert for every manager; resolves with it (already acknowledged: by whom). */
  async ackAlert(alertId: string): Promise<Alert> {
    return (await this.call<{ alert: Alert }>("alert:ack", { alertId })).alert;
  }

  async unban(userId: string): Promise<void> { await this.call("user:unban", { userId }); }

  // ---- appeals (SPEC §9.2)

  listAppeals(opts: { status?: "open" | "closed"; limit?: number; cursor?: string } = {}): Promise<{ appeals: Appeal[]; cursor?: string }> {
    return this.call("appeals:list", opts);
  }

  /** Upholds or reverses an appeal; `reverse` undoes the restriction. */
  async resolveAppeal(appealId: string, decision: "uphold" | "reverse", note: string): Promise<Appeal> {
    return (await this.call<{ appeal: Appeal }>("appeal:resolve", { appealId, decision, note })).appeal;
  }

  /**
   * SPEC §9.4: a period's transparency figures; `from`/`to` are ISO dates (a whole UTC day) or
   * date-times with an offset, `to` excluded.
   */
  transparency(from: string, to: string): Promise<TransparencyReport> {
    return this.call("transparency:get", { from, to });
  }

  /** A page of the period's statements of reasons, in the EU DSA Transparency Database's fields (the REST route streams them all as NDJSON). */
  listStatements(opts: { from: string; to: string; limit?: number; cursor?: string }): Promise<{ statements: Record<string, unknown>[]; cursor?: string }> {
    return this.call("statements:list", opts);
  }

  async mute(userId: string, durationSec: number, reason?: string): Promise<{ until: number }> {
    return this.call("user:mute", { userId, durationSec, ...(reason ? { reason } : {}) });
  }

  async unmute(userId: string): Promise<void> { await this.call("user:unmute", { userId }); }

  inspect(userId: string): Promise<UserInspect> { return this.call("user:inspect", { userId }); }

  /** SPEC §9.5: everything the tenant keeps about a user. */
  exportUserData(userId: string): Promise<UserDataExport> { return this.call("user:data:export", { userId }); }

  /** SPEC §9.5: erases a user's data (messages, profile), keeping what the law requires. */
  eraseUserData(userId: string): Promise<UserDataErasure> { return this.call("user:data:erase", { userId }); }

  async listBans(): Promise<(Ban & { userId: string })[]> {
    return (await this.call<{ bans: (Ban & { userId: string })[] }>("bans:list", {})).bans;
  }

  async setRole(userId: string, role: "member" | "expert" | "moderator"): Promise<void> {
    await this.call("member:set-role", { userId, role });
  }

  async candidates(limit?: number): Promise<Candidate[]> {
    return (await this.call<{ members: Candidate[] }>("members:candidates", limit ? { limit } : {})).members;
  }

  // ---- networks

  /** Blocks an IPv4/IPv6 address or CIDR range; without `durationSec` the block is permanent. */
  blockIp(cidr: string, opts: { reason: string; durationSec?: number; force?: boolean }): Promise<{ until?: number }> {
    return this.call("ip:block", { cidr, ...opts });
  }

  async unblockIp(cidr: string): Promise<void> { await this.call("ip:unblock", { cidr }); }

  async listIpBlocks(): Promise<IpBlock[]> {
    return (await this.call<{ blocks: IpBlock[] }>("ip:list", {})).blocks;
  }

  // ---- filters

  /** Resolves with the number of terms now in force. */
  async updateLexicon(patch: { add?: LexiconTerm[]; remove?: string[]; allow?: string[]; disallow?: string[] }): Promise<number> {
    return (await this.call<{ terms: number }>("lexicon:update", patch)).terms;
  }

  async updateLinks(patch: { allow?: string[]; block?: string[]; unallow?: string[]; unblock?: string[] }): Promise<void> {
    await this.call("links:update", patch);
  }

  getFilters(): Promise<FilterSettings> { return this.call("filters:get", {}); }

  /** SPEC §12: onHit and the per-category policy (replaced whole), and (extension) the category model on or off; resolves with what is now in force. */
  updateFilters(patch: { onHit?: "hold" | "shadow" | "reject"; policy?: FilterPolicy; model?: boolean }): Promise<{ onHit: "hold" | "shadow" | "reject"; policy: FilterPolicy; model?: boolean }> {
    return this.call("filters:update", patch);
  }

  // ---- audit and figures

  listAudit(opts: { limit?: number; cursor?: string; action?: string; actor?: string; subject?: string } = {}): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    return this.call("audit:list", opts);
  }

  stats(): Promise<Stats> { return this.call("stats:get", {}); }

  /** Addition: the dashboard's tiles and charts, for the tenant or one room (live tiles come as `dashboard:tick` on the feed). */
  dashboard(p: { room?: string; range?: DashboardRange } = {}): Promise<Dashboard> { return this.call("dashboard:get", p); }

  // ---- webhooks (SPEC §8.1)

  async listWebhooks(): Promise<WebhookEndpointInfo[]> {
    return (await this.call<{ endpoints: WebhookEndpointInfo[] }>("webhooks:list", {})).endpoints;
  }

  /** Replaces the whole endpoint list; an endpoint without `secret` keeps its old one. */
  async updateWebhooks(endpoints: WebhookEndpointInput[]): Promise<WebhookEndpointInfo[]> {
    return (await this.call<{ endpoints: WebhookEndpointInfo[] }>("webhooks:update", { endpoints })).endpoints;
  }

  /** Sends a `webhook.test` event to one endpoint, or to each; resolves with the deliveries' ids. */
  async testWebhooks(endpointId?: string): Promise<string[]> {
    return (await this.call<{ deliveryIds: string[] }>("webhooks:test", endpointId ? { endpointId } : {})).deliveryIds;
  }

  listDeliveries(opts: { limit?: number; cursor?: string } = {}): Promise<{ deliveries: WebhookDelivery[]; cursor?: string }> {
    return this.call("webhooks:deliveries", opts);
  }

  // ---- internals

  private call<T extends object>(event: string, payload: object): Promise<T> {
    const closed = this.closedWith;
    // A fresh error per call, so each rejection's stack points at its own caller.
    if (closed) return Promise.reject(new ChatError(closed.code, closed.message, closed));
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      request<T>(this.socket, event, payload, this.timeout).then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }

  /** Stops the socket for good and fails every call still waiting; the first reason given wins. */
  private shut(why: ChatError): void {
    this.closedWith ??= why;
    this.socket.disconnect();
    // Emits made while offline sit in socket.io's buffer: they would go out on a later connect(),
    // long after the action made sense (e.g. a "remove and ban" pressed before signing out).
    this.socket.sendBuffer.length = 0;
    const err = this.closedWith;
    for (const reject of [...this.waiting]) reject(new ChatError(err.code, err.message, err));
    this.waiting.clear();
  }

  private onSession(s: SessionInfo): void {
    const wasConnected = this.connected;
    this.currentSession = s;
    this.connected = true;
    this.emit("session", s);
    if (wasConnected) return;
    this.emit("status", "connected");
    // A reconnect lands on a fresh server-side socket: renew the feed so no live event is missed.
    if (this.feed) {
      const feed = this.feed;
      void this.call("feed:subscribe", feed).catch((err: ChatError) => this.emit("status", "reconnecting", err));
    }
  }
}
