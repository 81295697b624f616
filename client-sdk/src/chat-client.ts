import { io, type Socket } from "socket.io-client";
import { ChatError, FATAL_CONNECT_CODES } from "./chat-error.ts";
import { Emitter } from "./emitter.ts";
import { MAX_RECHECK } from "./protocol.ts";
import type {
  Appeal, ChatServerEvents, DsaCategory, FlagReason, Message, MessageChange, MessageStatus, Notice, ReportReceipt, RoomInfo, RoomJoinPayload, RoomJoinResult, RoomPinned, RoomUnpinned,
  SessionEnded, SessionInfo,
} from "./protocol.ts";
import { request } from "./request.ts";

export interface ChatClientOptions {
  /** Server base URL, e.g. `https://chat.example.com` (the `/chat` namespace is added). */
  url: string;
  tenant: string;
  /** The brand's JWT for a signed-in shopper; absent for a guest. */
  token?: string;
  /** A guest token from an earlier session; in browsers the SDK keeps it in localStorage itself. */
  guestToken?: string;
  /** How long to wait for each acknowledgement. Default 10 s. */
  ackTimeoutMs?: number;
  /** Extra socket.io-client options (transports, extraHeaders in Node, reconnection delays...). */
  socketOptions?: Record<string, unknown>;
}

/** What the server pushes on /chat (SPEC §5.2), plus the connection state for UIs. */
export type ChatClientEvents = ChatServerEvents & {
  /** "connected", "reconnecting" (temporary), "closed" (given up or ended). */
  status: (s: "connected" | "reconnecting" | "closed", error?: ChatError) => void;
};

interface PendingSend {
  payload: { room: string; text: string; replyTo?: string; clientId: string };
  resolve: (m: Message) => void;
  reject: (e: ChatError) => void;
  inFlight: boolean;
}

const FORWARDED = [
  "message:hidden", "message:restored", "message:deleted", "message:helpful", "room:cleared", "room:updated", "sanction",
  "moderation:notice", "appeal:resolved", "report:decided",
] as const;

/**
 * Keeps this many ids per room, with the status this client last showed for each: a rejoin's
 * replay is de-duplicated by id, and its `changes` are only turned into events when they differ.
 */
const SEEN_PER_ROOM = 500;

interface RoomState {
  last?: string; seen: Map<string, MessageStatus>;
  /** The room's pinned message as shown; `pinHidden`: pinned, but hidden by flags for now (it comes back if restored). */
  pinned?: Message; pinHidden?: Message;
}

/**
 * A shopper's connection to Causette. Rejoins rooms with `since` after a reconnect so nothing
 * visible is missed, and resends unacknowledged messages with their original `clientId`
 * (the server returns the first copy instead of storing a duplicate).
 *
 * @example
 * const chat = new ChatClient({ url: "http://localhost:8080", tenant: "demo" });
 * await chat.connect();
 * const { history } = await chat.join("product:serum-42");
 * chat.on("message", (m) => console.log(m.author.name, m.text));
 * await chat.send("product:serum-42", "Bonjour !");
 */
export class ChatClient extends Emitter<ChatClientEvents> {
  readonly socket: Socket;
  private readonly opts: ChatClientOptions;
  private readonly timeout: number;
  private currentSession: SessionInfo | undefined;
  private guestToken: string | undefined;
  private readonly rooms = new Map<string, RoomState>();
  private readonly pending = new Map<string, PendingSend>();
  private connected = false;
  private ended = false;

  constructor(opts: ChatClientOptions) {
    super();
    this.opts = opts;
    this.timeout = opts.ackTimeoutMs ?? 10_000;
    this.guestToken = opts.guestToken ?? readStoredGuestToken(opts.tenant);
    const base = opts.url.replace(/\/+$/, "");
    this.socket = io(`${base}/chat`, {
      autoConnect: false,
      transports: ["websocket"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      // Called on every attempt so a reconnect presents the freshest guest token.
      auth: (cb: (a: object) => void) => cb({ tenant: opts.tenant, ...(opts.token ? { token: opts.token } : {}), ...(this.guestToken ? { guestToken: this.guestToken } : {}) }),
      ...(opts.socketOptions ?? {}),
    });
    this.socket.on("session", (s: SessionInfo) => this.onSession(s));
    this.socket.on("message", (m: Message) => this.onMessage(m));
    for (const ev of FORWARDED) this.socket.on(ev, (p: unknown) => { this.track(ev, p); this.emit(ev, p as never); });
    this.socket.on("room:pinned", (p: RoomPinned) => { const state = this.rooms.get(p.room); if (state) this.setPin(p.room, state, p.message); else this.emit("room:pinned", p); });
    this.socket.on("room:unpinned", (p: RoomUnpinned) => { const state = this.rooms.get(p.room); if (state) this.setPin(p.room, state, undefined); else this.emit("room:unpinned", p); });
    this.socket.on("session:ended", (p: SessionEnded) => {
      this.ended = true;
      this.emit("session:ended", p);
      this.failPending(new ChatError(p.code, p.reason ?? p.code, p.until ? { until: p.until } : undefined));
      this.emit("status", "closed", new ChatError(p.code, p.reason ?? p.code));
    });
    this.socket.on("disconnect", (reason) => {
      this.connected = false;
      for (const p of this.pending.values()) p.inFlight = false;
      if (this.ended || reason === "io client disconnect" || reason === "io server disconnect") {
        this.failPending(new ChatError("disconnected", "The connection was closed."));
        this.emit("status", "closed");
      } else this.emit("status", "reconnecting");
    });
    this.socket.on("connect_error", (err: Error & { data?: { code?: string; message?: string } }) => {
      const code = err.data?.code;
      if (code && FATAL_CONNECT_CODES.has(code)) {
        const e = ChatError.from(err.data as never);
        this.socket.disconnect();
        this.failPending(e);
        this.emit("status", "closed", e);
      } else {
        this.emit("status", "reconnecting", code ? ChatError.from(err.data as never) : undefined);
      }
    });
  }

  get session(): SessionInfo | undefined { return this.currentSession; }

  /** Connects and resolves with the session, or rejects with the handshake's ChatError. */
  connect(): Promise<SessionInfo> {
    if (this.connected && this.currentSession) return Promise.resolve(this.currentSession);
    this.ended = false;
    return new Promise((resolve, reject) => {
      const onSession = (s: SessionInfo) => { cleanup(); resolve(s); };
      const onError = (err: Error & { data?: { code?: string; message?: string; retryAfterMs?: number } }) => {
        const code = err.data?.code;
        // Transient failures keep socket.io's own retries going; only a refusal ends connect().
        if (code && FATAL_CONNECT_CODES.has(code)) { cleanup(); reject(ChatError.from(err.data as never)); }
        else if (code === "too_many_connections") { cleanup(); this.socket.disconnect(); reject(ChatError.from(err.data as never)); }
      };
      const cleanup = () => { this.socket.off("session", onSession); this.socket.off("connect_error", onError); };
      this.socket.on("session", onSession);
      this.socket.on("connect_error", onError);
      this.socket.connect();
    });
  }

  /** Joins a room: its info, the last visible messages, oldest first, and its pinned message if any. */
  async join(room: string): Promise<{ room: RoomInfo; history: Message[]; pinned?: Message }> {
    const res = await request<RoomJoinResult>(this.socket, "room:join", { room }, this.timeout);
    const state: RoomState = this.rooms.get(room) ?? { seen: new Map() };
    this.rooms.set(room, state);
    for (const m of res.history) this.remember(state, m);
    state.pinned = res.pinned;
    state.pinHidden = undefined;
    return res;
  }

  /**
   * The message pinned at the top of a joined room (brand voice), kept current by `room:pinned`
   * and `room:unpinned`, which this client also emits when the pinned message is hidden, deleted
   * or cleared away (and `room:pinned` again when a hidden one is restored).
   */
  pinned(room: string): Message | undefined { return this.rooms.get(room)?.pinned; }

  async leave(room: string): Promise<void> {
    this.rooms.delete(room);
    await request(this.socket, "room:leave", { room }, this.timeout);
  }

  /** Sends a message; the same call survives a reconnect without ever posting twice. */
  send(room: string, text: string, opts: { replyTo?: string; clientId?: string } = {}): Promise<Message> {
    const clientId = opts.clientId ?? newClientId();
    const payload: PendingSend["payload"] = { room, text, clientId };
    if (opts.replyTo) payload.replyTo = opts.replyTo;
    return new Promise((resolve, reject) => {
      // Closed for good (disconnect() or session:ended): nothing would ever transmit it.
      if (this.ended) return reject(new ChatError("disconnected", "The connection was closed."));
      const p: PendingSend = { payload, resolve, reject, inFlight: false };
      this.pending.set(clientId, p);
      if (this.connected) this.transmit(p);
    });
  }

  flag(messageId: string, reason: FlagReason, note?: string): Promise<{ hidden: boolean }> {
    return request(this.socket, "message:flag", { messageId, reason, ...(note ? { note } : {}) }, this.timeout);
  }

  async helpful(messageId: string): Promise<number> {
    return (await request<{ helpful: number }>(this.socket, "message:helpful", { messageId }, this.timeout)).helpful;
  }

  async raiseAlert(room: string, note: string): Promise<void> {
    await request(this.socket, "alert:raise", { room, note }, this.timeout);
  }

  /** SPEC §9.2: contests one of this user's notices (once, until its `appealUntil`). */
  async appeal(noticeId: string, text: string): Promise<Appeal> {
    return (await request<{ appeal: Appeal }>(this.socket, "appeal:create", { noticeId, text }, this.timeout)).appeal;
  }

  /**
   * SPEC §9.3: reports a message as illegal content (guests too). Keep the answer's `receipt`:
   * with `reportStatusUrl` it opens the report's status; `report:decided` tells the outcome live.
   *
   * @example
   * const r = await chat.report(m.id, "scams_and_fraud", "Fake shop asking for card numbers", { email: "me@example.org" });
   */
  async report(messageId: string, category: DsaCategory, explanation: string, opts: { name?: string; email?: string } = {}): Promise<ReportReceipt> {
    const payload = { messageId, category, explanation, goodFaith: true, ...(opts.name ? { reporterName: opts.name } : {}), ...(opts.email ? { reporterEmail: opts.email } : {}) };
    return (await request<{ report: ReportReceipt }>(this.socket, "message:report", payload, this.timeout)).report;
  }

  /** Where a report's status is read with its receipt (`GET /api/v1/tenants/:tenant/reports/:id?receipt=…`). */
  reportStatusUrl(r: { id: string; receipt: string }): string {
    return `${this.opts.url.replace(/\/+$/, "")}/api/v1/tenants/${encodeURIComponent(this.opts.tenant)}/reports/${encodeURIComponent(r.id)}?receipt=${encodeURIComponent(r.receipt)}`;
  }

  /** SPEC §9.1: the statements of reasons kept for this user, newest first. */
  async notices(): Promise<Notice[]> {
    return (await this.noticesAndAppeals()).notices;
  }

  /** The user's notices, newest first, and their appeals of them (open or decided): what a notices screen shows. */
  noticesAndAppeals(): Promise<{ notices: Notice[]; appeals: Appeal[] }> {
    return request<{ notices: Notice[]; appeals: Appeal[] }>(this.socket, "notices:list", {}, this.timeout);
  }

  /** Closes the connection for good; unacknowledged sends are rejected. */
  disconnect(): void {
    this.ended = true;
    this.socket.disconnect();
    this.failPending(new ChatError("disconnected", "The client was closed."));
  }

  // ---- internals

  private transmit(p: PendingSend): void {
    if (p.inFlight) return;
    p.inFlight = true;
    request<{ message: Message }>(this.socket, "message:send", p.payload, this.timeout).then(
      ({ message }) => {
        this.pending.delete(p.payload.clientId);
        const state = this.rooms.get(message.room);
        // Remembered (so history never shows it twice), but it does not move `since`: the room
        // stream may not have brought us everything before it (a send acked by a node that was
        // draining while others posted elsewhere), and a rejoin from past it would skip those.
        if (state) this.remember(state, message, false);
        p.resolve(message);
      },
      (err: ChatError) => {
        p.inFlight = false;
        // Lost in a reconnect: keep it, it goes again with the same clientId once rejoined.
        if (err.code === "disconnected" || (err.code === "timeout" && !this.connected)) return;
        this.pending.delete(p.payload.clientId);
        p.reject(err);
      },
    );
  }

  private async onSession(s: SessionInfo): Promise<void> {
    const reconnect = this.currentSession !== undefined && !this.connected;
    this.currentSession = s;
    if (s.guestToken) {
      this.guestToken = s.guestToken;
      storeGuestToken(this.opts.tenant, s.guestToken);
    }
    const wasConnected = this.connected;
    this.connected = true;
    this.emit("session", s);
    if (wasConnected) return; // a role change re-sends `session` on a live connection
    if (reconnect) await this.rejoin();
    this.emit("status", "connected");
    for (const p of this.pending.values()) this.transmit(p);
  }

  /**
   * After a reconnect: rejoin every room with `since`, replay the moderation missed meanwhile as
   * the live events (from the ack's `changes`), then what was posted as `message` events.
   */
  private async rejoin(): Promise<void> {
    await Promise.all([...this.rooms.entries()].map(async ([room, state]) => {
      try {
        const payload: RoomJoinPayload = { room };
        if (state.last) payload.since = state.last;
        // Only what this client shows as hidden or held can come back: asking for just those keeps
        // the ack from resending the text of every visible message it already has.
        const recheck = [...state.seen].filter(([, st]) => st === "hidden" || st === "held").map(([id]) => id).slice(-MAX_RECHECK);
        if (recheck.length) payload.recheck = recheck;
        const res = await request<RoomJoinResult>(this.socket, "room:join", payload, this.timeout);
        this.emit("room:updated", res.room);
        // Pinned, unpinned or replaced while we were away.
        if (res.pinned?.id !== state.pinned?.id) this.setPin(room, state, res.pinned);
        for (const c of res.changes ?? []) this.applyChange(room, state, c);
        for (const m of res.history) this.onMessage(m);
      } catch (err) {
        this.emit("status", "reconnecting", err as ChatError);
      }
    }));
  }

  private onMessage(m: Message): void {
    const state = this.rooms.get(m.room);
    if (state) {
      // Our own post's echo: already shown (from its ack), but now the stream has brought it.
      if (state.seen.has(m.id)) { this.advance(state, m); return; }
      this.remember(state, m);
    }
    this.emit("message", m);
  }

  /** Emits what a live client would have received for a change it missed, if it shows that message. */
  private applyChange(room: string, state: RoomState, c: MessageChange): void {
    const shown = state.seen.get(c.id);
    // Never seen (or aged out): nothing on screen to fix. Deleted is final, whatever comes later.
    if (shown === undefined || shown === c.status || shown === "deleted") return;
    if (c.status === "visible") {
      this.setStatus(state, c.message);
      this.emit("message:restored", c.message);
    } else {
      state.seen.set(c.id, c.status);
      this.emit(c.status === "hidden" ? "message:hidden" : "message:deleted", { room, messageId: c.id });
    }
  }

  /** Keeps the shown statuses in step with live events, so a later rejoin only reports real changes. */
  private track(ev: (typeof FORWARDED)[number], p: unknown): void {
    if (ev === "message:restored") {
      const m = p as Message;
      const state = this.rooms.get(m.room);
      if (state) this.setStatus(state, m);
      if (state?.pinHidden?.id === m.id) this.setPin(m.room, state, m);
    } else if (ev === "message:hidden" || ev === "message:deleted") {
      const { room, messageId } = p as { room: string; messageId: string };
      const state = this.rooms.get(room);
      if (state?.seen.has(messageId)) state.seen.set(messageId, ev === "message:hidden" ? "hidden" : "deleted");
      if (state && state.pinned?.id === messageId) {
        const was = state.pinned;
        this.setPin(room, state, undefined);
        if (ev === "message:hidden") state.pinHidden = was;
      } else if (state?.pinHidden?.id === messageId && ev === "message:deleted") state.pinHidden = undefined;
    } else if (ev === "room:cleared") {
      const room = (p as { room: string }).room;
      const state = this.rooms.get(room);
      if (state) for (const id of state.seen.keys()) state.seen.set(id, "deleted");
      if (state) { this.setPin(room, state, undefined); state.pinHidden = undefined; }
    }
  }

  /** Shows `m` as the room's pin (undefined: none), telling listeners only of a real change. */
  private setPin(room: string, state: RoomState, m: Message | undefined): void {
    const before = state.pinned;
    state.pinned = m;
    state.pinHidden = undefined;
    if (m) { if (before?.id !== m.id || before.text !== m.text) this.emit("room:pinned", { room, message: m }); }
    else if (before) this.emit("room:unpinned", { room });
  }

  private remember(state: RoomState, m: Message, advance = true): void {
    if (state.seen.has(m.id)) return;
    this.setStatus(state, m, advance);
  }

  /** `advance`: whether `m` came from the room's stream (a live event or history), so `since` may move past it. */
  private setStatus(state: RoomState, m: Message, advance = true): void {
    state.seen.set(m.id, m.status);
    // A Map iterates in insertion order, so the first keys are the oldest ids.
    for (const id of state.seen.keys()) {
      if (state.seen.size <= SEEN_PER_ROOM) break;
      state.seen.delete(id);
    }
    if (advance) this.advance(state, m);
  }

  /** Moves the rejoin cursor past a visible message the room's stream brought. */
  private advance(state: RoomState, m: Message): void {
    if (m.status === "visible" && (!state.last || m.id > state.last)) state.last = m.id;
  }

  private failPending(err: ChatError): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

function newClientId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

const storageKey = (tenant: string) => `causette:guest:${tenant}`;

/** The guest token this browser keeps for `tenant` (the widget shows it to the `me/` door when a ban closed the chat). */
export function readStoredGuestToken(tenant: string): string | undefined {
  try { return (globalThis as { localStorage?: Storage }).localStorage?.getItem(storageKey(tenant)) ?? undefined; } catch { return undefined; }
}

function storeGuestToken(tenant: string, token: string): void {
  try { (globalThis as { localStorage?: Storage }).localStorage?.setItem(storageKey(tenant), token); } catch { /* private mode: the guest just gets a new id next time */ }
}
