import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Author } from "../../client-sdk/src/protocol.ts";
import { createMemoryStores } from "../../server/store/memory-stores.ts";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";
import { startServer, type TestServer } from "../support/server.ts";

/**
 * A rejoin's `changes` list what the caller can have shown: messages up to its `since`. Ids sort by
 * the millisecond only, so posts of one millisecond must be ordered by the timeline, not by id.
 * These ids are chosen so that id order and posting order disagree.
 */
describe("room:join changes: 'up to since' follows the timeline, not the ids", () => {
  const room = "product:same-ms";
  const author: Author = { id: "u-ann", name: "Ann", role: "member" };
  const at = 1_700_000_000_000;
  const post = (id: string, status: StoredMessage["status"]): StoredMessage =>
    ({ id, room, author, text: `text of ${id}`, createdAt: at, status });
  // Posted in this order, all in one millisecond: ids sort the other way round.
  const before = post("m_0lfvy7b9czzz", "deleted");
  const since = post("m_0lfvy7b9cmmm", "visible");
  const after = post("m_0lfvy7b9caaa", "deleted");
  let s: TestServer;

  beforeAll(async () => {
    const stores = createMemoryStores();
    for (const m of [before, since, after]) await stores.messages.appendMessage("acme", m, { keep: 300 });
    s = await startServer(undefined, { stores });
  });
  afterAll(() => s.close());

  it("lists a message removed before `since`, and nothing of one posted after it", async () => {
    const guest = await s.connected();
    const res = await guest.socket.timeout(5000).emitWithAck("room:join", { room, since: since.id });
    expect(res.ok).toBe(true);
    expect(res.changes).toEqual([{ id: before.id, status: "deleted" }]);
    expect(JSON.stringify(res)).not.toContain(after.id);
  });

  it("orders by id only when `since` is no longer kept (older than the whole timeline)", async () => {
    const guest = await s.connected();
    const res = await guest.socket.timeout(5000).emitWithAck("room:join", { room, since: "m_0lfvy7b9b000" });
    expect(res.ok).toBe(true);
    expect(res.changes).toEqual([]);
  });
});
