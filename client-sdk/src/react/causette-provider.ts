import { createContext, createElement, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { ChatClient, type ChatClientOptions } from "../chat-client.ts";
import { ChatError } from "../chat-error.ts";
import type { Notice, SanctionState, SessionEnded, SessionInfo } from "../protocol.ts";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "closed";

/** The shared connection every `useCausetteRoom` below a provider uses. */
export interface CausetteConnection {
  client: ChatClient | null;
  status: ConnectionStatus;
  session: SessionInfo | undefined;
  /** Why the connection is not up: a refused handshake (`invalid_token`, `banned`...), a lost link. */
  error: ChatError | undefined;
  /** Set once the server ended the session (a ban, an IP block, an expired staff token). */
  ended: SessionEnded | undefined;
  /** The user's restrictions as they stand now (a mute, with its end and reason). */
  sanction: SanctionState;
  /** Statements of reasons received (`moderation:notice`, SPEC §9.1), oldest first. */
  notices: Notice[];
}

export interface CausetteProviderProps extends Partial<Omit<ChatClientOptions, "tenant">> {
  tenant?: string;
  /** A ChatClient you made and own (it is neither connected nor closed for you beyond `connect()`). */
  client?: ChatClient;
  children?: ReactNode;
}

const CausetteContext = createContext<CausetteConnection | null>(null);

const idle = (client: ChatClient | null): CausetteConnection => ({
  client, status: "connecting", session: undefined, error: undefined, ended: undefined, sanction: {}, notices: [],
});

/**
 * Opens one Causette connection for the components below it (`useCausetteRoom`, `<CausetteChat>`).
 * A change of `url`, `tenant` or `token` opens a new connection and closes the old one.
 *
 * @example
 * <CausetteProvider url="https://chat.example.com" tenant="demo" token={token}>
 *   <ProductQuestions room="product:serum-42" />
 * </CausetteProvider>
 */
export function CausetteProvider(props: CausetteProviderProps): ReactNode {
  const { client: given, url, tenant, token, guestToken } = props;
  const [conn, setConn] = useState<CausetteConnection>(() => idle(given ?? null));
  // Options that are usually written inline (a new object each render) must not reconnect.
  const extra = useRef({ ackTimeoutMs: props.ackTimeoutMs, socketOptions: props.socketOptions });
  extra.current = { ackTimeoutMs: props.ackTimeoutMs, socketOptions: props.socketOptions };

  useEffect(() => {
    let client = given;
    if (!client) {
      const base = url ?? (globalThis as { location?: Location }).location?.origin;
      if (!base || !tenant) {
        setConn({ ...idle(null), status: "closed", error: new ChatError("invalid_payload", "CausetteProvider needs a tenant and a url (or a client)") });
        return;
      }
      const { ackTimeoutMs, socketOptions } = extra.current;
      client = new ChatClient({
        url: base, tenant, ...(token ? { token } : {}), ...(guestToken ? { guestToken } : {}),
        ...(ackTimeoutMs ? { ackTimeoutMs } : {}), ...(socketOptions ? { socketOptions } : {}),
      });
    }
    const c = client;
    let live = true;
    const update = (f: (s: CausetteConnection) => CausetteConnection) => { if (live) setConn(f); };
    setConn(idle(c));
    const offs = [
      c.on("status", (status, error) => update((s) => ({ ...s, status, error: error ?? (status === "connected" ? undefined : s.error) }))),
      c.on("session", (session) => update((s) => ({ ...s, session }))),
      c.on("session:ended", (ended) => update((s) => ({ ...s, ended }))),
      c.on("sanction", (sanction) => update((s) => ({ ...s, sanction }))),
      c.on("moderation:notice", (n) => update((s) => (s.notices.some((x) => x.id === n.id) ? s : { ...s, notices: [...s.notices, n] }))),
    ];
    c.connect().then(
      (session) => update((s) => ({ ...s, session, status: s.status === "connecting" ? "connected" : s.status })),
      (err: unknown) => update((s) => ({ ...s, status: "closed", error: err instanceof ChatError ? err : new ChatError("internal", String(err)) })),
    );
    return () => {
      live = false;
      for (const off of offs) off();
      if (!given) c.disconnect();
    };
  }, [given, url, tenant, token, guestToken]);

  return createElement(CausetteContext.Provider, { value: conn }, props.children);
}

/** The connection of the nearest `<CausetteProvider>` (or `<CausetteChat>`). */
export function useCausette(): CausetteConnection {
  const conn = useContext(CausetteContext);
  if (!conn) throw new Error("useCausette/useCausetteRoom must be used inside <CausetteProvider> or <CausetteChat>");
  return conn;
}

/** Whether a provider is above: `<CausetteChat>` opens its own connection only when none is. */
export function useHasCausette(): boolean {
  return useContext(CausetteContext) !== null;
}
