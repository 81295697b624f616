import WebSocket from "ws";

/**
 * The load generator's client: just enough of the Socket.IO v5 protocol over Engine.IO v4's
 * WebSocket transport (text packets only) to connect to one namespace, emit with an ack, receive
 * events and answer the server's pings.
 *
 * Why not socket.io-client: at the relay bench's standard load a generator receives 20,000 events a
 * second, and through socket.io-client (its Node build is the debug one) that takes most of a core.
 * On a 2-core machine the server under test gets what is left, so the generator's own cost decided
 * the tail latencies of every side. This client does the same wire work (one WebSocket frame per
 * packet, JSON payloads parsed in full) at a fraction of the cost. `--client socket.io` in the
 * bench still runs the real client, to check that the two tell the same story.
 *
 * Not a general client: no reconnection, no binary packets, no HTTP long-polling.
 */
/** An ack's answer, or the error that stands for it (timed out, connection lost). */
export type AckCallback = (err: Error | undefined, res?: unknown) => void;

export class WireClient {
  private readonly ws: WebSocket;
  private readonly prefix: string;
  private nextAck = 0;
  private readonly acks = new Map<number, { done: AckCallback; timer: NodeJS.Timeout }>();
  private readonly handlers = new Map<string, (payload: unknown) => void>();
  /** Settles once the namespace accepts or refuses us. */
  readonly connected: Promise<void>;

  /**
   * @param url  the server's origin, e.g. `http://127.0.0.1:3000`
   * @param nsp  the namespace, e.g. `/chat`
   * @param auth the handshake's `auth` object
   */
  constructor(url: string, nsp: string, auth: object, connectTimeoutMs = 20_000) {
    this.prefix = nsp === "/" ? "" : `${nsp},`;
    this.ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    this.connected = new Promise((resolve, reject) => {
      const t = setTimeout(() => fail(new Error("connect timed out")), connectTimeoutMs);
      const fail = (e: Error) => { clearTimeout(t); this.ws.terminate(); reject(e); };
      this.ws.on("error", fail);
      this.ws.on("message", (data, isBinary) => {
        if (isBinary) return;
        const s = data.toString();
        switch (s.charCodeAt(0)) {
          case 0x30: // "0": Engine.IO open; now ask for the namespace.
            this.ws.send(`40${this.prefix}${JSON.stringify(auth)}`);
            return;
          case 0x32: // "2": ping
            this.ws.send("3");
            return;
          case 0x34: // "4": a Socket.IO packet
            try {
              this.onPacket(s, () => { clearTimeout(t); resolve(); }, (e) => fail(e));
            } catch (e) {
              // A packet this client cannot read must not take the whole generator down.
              fail(e instanceof Error ? e : new Error(String(e)));
            }
            return;
        }
      });
      // Closed by the server (or kicked from the namespace): every ack still awaited fails now,
      // so a lost connection is counted as such rather than as a server ten seconds late.
      this.ws.once("close", () => { this.failPending(new Error("connection closed")); fail(new Error("closed")); });
    });
  }

  private failPending(err: Error): void {
    for (const { done, timer } of this.acks.values()) { clearTimeout(timer); done(err); }
    this.acks.clear();
  }

  /** Handles `4<type><nsp>,<ack id?><json>`. */
  private onPacket(s: string, onConnect: () => void, onRefused: (e: Error) => void): void {
    const type = s.charCodeAt(1);
    let i = 2;
    if (this.prefix) {
      if (!s.startsWith(this.prefix, 2)) return; // another namespace
      i += this.prefix.length;
    }
    if (type === 0x30) return onConnect(); // "0": CONNECT
    if (type === 0x31) return this.ws.close(); // "1": DISCONNECT (kicked): closing fails what is pending
    if (type === 0x34) { // "4": CONNECT_ERROR
      const body = JSON.parse(s.slice(i)) as { message?: string; data?: unknown };
      return onRefused(Object.assign(new Error(body.message ?? "refused"), { data: body.data }));
    }
    let id = -1;
    for (let c = s.charCodeAt(i); c >= 0x30 && c <= 0x39; c = s.charCodeAt(++i)) id = (id < 0 ? 0 : id * 10) + (c - 0x30);
    if (type === 0x32) { // "2": EVENT
      const [event, payload] = JSON.parse(s.slice(i)) as [string, unknown];
      this.handlers.get(event)?.(payload);
    } else if (type === 0x33) { // "3": ACK
      const pending = this.acks.get(id);
      if (!pending) return;
      this.acks.delete(id);
      clearTimeout(pending.timer);
      pending.done(undefined, (JSON.parse(s.slice(i)) as unknown[])[0]);
    }
  }

  /** One handler per event name (the bench needs no more). */
  on(event: string, handler: (payload: unknown) => void): void {
    this.handlers.set(event, handler);
  }

  /** Emits with an ack; `done(undefined, res)` or, after `timeoutMs`, `done(error)`. */
  emit(event: string, payload: unknown, timeoutMs: number, done: AckCallback): void {
    const id = this.nextAck++;
    const timer = setTimeout(() => { this.acks.delete(id); done(new Error("ack timed out")); }, timeoutMs);
    this.acks.set(id, { done, timer });
    this.ws.send(`42${this.prefix}${id}${JSON.stringify([event, payload])}`);
  }

  close(): void {
    for (const { timer } of this.acks.values()) clearTimeout(timer);
    this.acks.clear();
    this.ws.close();
  }
}
