import type { Socket as NetSocket } from "node:net";
import type { Cluster, Redis } from "ioredis";

/**
 * Sends every command a Redis connection is given during one turn of the event loop in one
 * system call, at the end of the turn: the TCP socket is corked at the turn's first command and
 * uncorked in `setImmediate`, after the turn's I/O callbacks (the same cork as the WebSocket
 * write coalescer, realtime/write-coalescer.ts, on the store's side).
 *
 * Why: ioredis writes each command to its socket at once, one `write` system call per command
 * (autopipelining only groups the commands of one tick, and a busy node handles one socket's
 * packet per tick). A post costs a handful of commands, so on a Redis Cluster the kernel taking
 * those writes one by one was the largest single cost of a node's main thread (a sixth of it,
 * `writeUtf8String` in the profile). Corked, a turn's commands to one Redis node leave together,
 * and their replies come back together, which ioredis already parses in one pass.
 *
 * What this relies on: the connection's `stream` (typed and public in ioredis) and the `connect`
 * and (on a Cluster) `+node` events, both documented; the socket is Node's own, whose `write` is
 * wrapped on that one instance. Replies, timeouts and reconnection are untouched: a connection
 * that closes while corked loses its last turn's commands exactly as it would lose commands
 * written a moment before the close (ioredis rejects them as on any dropped connection).
 *
 * Bound: a command issued from a `setImmediate` callback that runs after the release waits for
 * the next turn's release, a loop turn at most.
 */
export function batchWritesPerTurn(client: Redis | Cluster): void {
  const batcher = turnBatcher();
  const onNode = (redis: Redis) => {
    const wrap = () => { if (redis.stream) batcher.wrap(redis.stream as NetSocket); };
    redis.on("connect", wrap);
    wrap();
  };
  if ((client as Cluster).isCluster) {
    const cluster = client as Cluster;
    cluster.on("+node", onNode);
    for (const node of cluster.nodes("all")) onNode(node);
  } else onNode(client as Redis);
}

const WRAPPED = Symbol("causette.corkedPerTurn");

/** Corks the sockets written to during a turn and uncorks them all at its end. */
function turnBatcher() {
  let held: NetSocket[] = [];
  const release = () => {
    const sockets = held;
    held = [];
    for (const s of sockets) {
      (s as NetSocket & { [WRAPPED]?: boolean })[WRAPPED] = true;
      s.uncork();
    }
  };
  return {
    wrap(socket: NetSocket) {
      const marked = socket as NetSocket & { [WRAPPED]?: boolean };
      if (marked[WRAPPED] !== undefined) return;
      // true: ready to be corked at the next write; false: corked until the end of this turn.
      marked[WRAPPED] = true;
      const write = socket.write;
      socket.write = function (this: NetSocket, ...args: Parameters<NetSocket["write"]>) {
        if (marked[WRAPPED]) {
          marked[WRAPPED] = false;
          socket.cork();
          held.push(socket);
          if (held.length === 1) setImmediate(release);
        }
        return write.apply(this, args);
      } as NetSocket["write"];
    },
  };
}
