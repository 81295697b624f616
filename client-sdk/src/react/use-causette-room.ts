import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ChatError } from "../chat-error.ts";
import type { FlagReason, Message, Notice, RoomInfo } from "../protocol.ts";
import { useCausette, type CausetteConnection } from "./causette-provider.ts";

export interface UseCausetteRoomOptions {
  /**
   * Called for each statement of reasons (`moderation:notice`, SPEC §9.1) the user receives while
   * the component is mounted. A mute shows also as `sanction` and a ban as `ended`, both in the
   * hook's result.
   */
  onNotice?: (notice: Notice) => void;
}

export interface CausetteRoom extends Omit<CausetteConnection, "client"> {
  /** The room's settings and head count, once joined. */
  room: RoomInfo | undefined;
  joined: boolean;
  /**
   * The room's messages, oldest first: visible ones, the user's own held ones (`status: "held"`,
   * seen by no one else until approved), and hidden ones (`status: "hidden"`, text to be withheld).
   */
  messages: Message[];
  /** The message the brand pinned at the top of the room (brand voice), while there is one. */
  pinned: Message | undefined;
  /** The last error of a join or an action, else the connection's; `error.code` is a SPEC error code. */
  error: ChatError | undefined;
  /** Posts a message; rejects with a ChatError (`muted`, `rate_limited`, `content_blocked`...). */
  send(text: string, opts?: { replyTo?: string }): Promise<Message>;
  flag(messageId: string, reason: FlagReason, note?: string): Promise<{ hidden: boolean }>;
  /** Marks a message helpful (members only); resolves with its new count. */
  helpful(messageId: string): Promise<number>;
  clearError(): void;
}

interface RoomData { room: RoomInfo | undefined; joined: boolean; messages: ReadonlyMap<string, Message>; pinned: Message | undefined; error: ChatError | undefined }
const EMPTY: RoomData = { room: undefined, joined: false, messages: new Map(), pinned: undefined, error: undefined };

/**
 * One room of the connection above: joins it once connected, keeps its messages current with
 * every live event (new, held, hidden, restored, deleted, helpful counts, cleared) and catches up
 * after a reconnect, since the client rejoins with `since`.
 *
 * @example
 * const { messages, send, status, error } = useCausetteRoom("product:serum-42");
 */
export function useCausetteRoom(roomId: string, options: UseCausetteRoomOptions = {}): CausetteRoom {
  const conn = useCausette();
  const { client, status } = conn;
  const [data, setData] = useState<RoomData>(EMPTY);
  const onNotice = useRef(options.onNotice);
  onNotice.current = options.onNotice;

  const upsert = useCallback((m: Message) => setData((d) => {
    if (m.room !== roomId) return d;
    const before = d.messages.get(m.id);
    const next = new Map(d.messages);
    // A restored or echoed copy may omit the helpful count the room already knows.
    next.set(m.id, before?.helpful !== undefined && m.helpful === undefined ? { ...m, helpful: before.helpful } : m);
    return { ...d, messages: next };
  }), [roomId]);

  // Live events for this room, from the moment the client exists (a join's history follows).
  useEffect(() => {
    setData(EMPTY);
    if (!client) return;
    const patch = (id: string, f: (m: Message) => Message | undefined) => setData((d) => {
      const m = d.messages.get(id);
      if (!m) return d;
      const next = new Map(d.messages);
      const changed = f(m);
      if (changed) next.set(id, changed); else next.delete(id);
      return { ...d, messages: next };
    });
    const offs = [
      client.on("message", upsert),
      client.on("message:restored", upsert),
      client.on("message:hidden", ({ room, messageId }) => { if (room === roomId) patch(messageId, (m) => ({ ...m, status: "hidden" })); }),
      client.on("message:deleted", ({ room, messageId }) => { if (room === roomId) patch(messageId, () => undefined); }),
      client.on("message:helpful", ({ room, messageId, helpful }) => { if (room === roomId) patch(messageId, (m) => ({ ...m, helpful })); }),
      client.on("room:cleared", ({ room }) => { if (room === roomId) setData((d) => ({ ...d, messages: new Map() })); }),
      client.on("room:updated", (r) => { if (r.id === roomId) setData((d) => ({ ...d, room: r })); }),
      client.on("room:pinned", ({ room, message }) => { if (room === roomId) setData((d) => ({ ...d, pinned: message })); }),
      client.on("room:unpinned", ({ room }) => { if (room === roomId) setData((d) => ({ ...d, pinned: undefined })); }),
      client.on("moderation:notice", (n) => onNotice.current?.(n)),
    ];
    return () => { for (const off of offs) off(); };
  }, [client, roomId, upsert]);

  // Join once per client and room; after a reconnect the client rejoins by itself.
  const connected = status === "connected";
  useEffect(() => {
    if (!client || !connected || data.joined) return;
    let current = true;
    client.join(roomId).then(
      ({ room, history, pinned }) => {
        if (!current) return;
        setData((d) => {
          const next = new Map(d.messages);
          for (const m of history) if (!next.has(m.id)) next.set(m.id, m);
          return { ...d, room, joined: true, messages: next, pinned, error: undefined };
        });
      },
      (err: unknown) => { if (current) setData((d) => ({ ...d, error: asChatError(err) })); },
    );
    return () => { current = false; };
  }, [client, roomId, connected, data.joined]);

  // Leaving the room (another room id, unmount) tells the server, on a connection still open.
  useEffect(() => () => { if (client?.session) client.leave(roomId).catch(() => undefined); }, [client, roomId]);

  const act = useCallback(async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      const out = await f();
      setData((d) => (d.error ? { ...d, error: undefined } : d));
      return out;
    } catch (err) {
      const e = asChatError(err);
      setData((d) => ({ ...d, error: e }));
      throw e;
    }
  }, []);

  const send = useCallback((text: string, opts: { replyTo?: string } = {}) => act(async () => {
    if (!client) throw new ChatError("disconnected", "Not connected.");
    const m = await client.send(roomId, text, opts.replyTo ? { replyTo: opts.replyTo } : {});
    upsert(m);
    return m;
  }), [client, roomId, act, upsert]);

  const flag = useCallback((messageId: string, reason: FlagReason, note?: string) => act(() => {
    if (!client) throw new ChatError("disconnected", "Not connected.");
    return client.flag(messageId, reason, note);
  }), [client, act]);

  const helpful = useCallback((messageId: string) => act(async () => {
    if (!client) throw new ChatError("disconnected", "Not connected.");
    const n = await client.helpful(messageId);
    setData((d) => {
      const m = d.messages.get(messageId);
      if (!m) return d;
      return { ...d, messages: new Map(d.messages).set(messageId, { ...m, helpful: n }) };
    });
    return n;
  }), [client, act]);

  const clearError = useCallback(() => setData((d) => ({ ...d, error: undefined })), []);
  const messages = useMemo(() => [...data.messages.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)), [data.messages]);

  return {
    status: conn.status, session: conn.session, ended: conn.ended, sanction: conn.sanction, notices: conn.notices,
    room: data.room, joined: data.joined, messages, pinned: data.pinned,
    error: data.error ?? conn.error,
    send, flag, helpful, clearError,
  };
}

function asChatError(err: unknown): ChatError {
  return err instanceof ChatError ? err : new ChatError("internal", err instanceof Error ? err.message : String(err));
}
