import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../server/errors.ts";
import { checkReplicated } from "../../server/store/redis-context.ts";

/**
 * An acknowledged write on a Redis Cluster waits for its replica (WAIT in the write's pipeline).
 * Whatever WAIT answers other than a count of at least one leaves the write's durability unknown:
 * it must be store_unavailable (the SDK resends with the same clientId), never an internal error.
 * A loaded full run once saw "internal" during the SIGKILL failover test, from a WAIT reply that
 * was an error.
 */
describe("a write's WAIT for its replica", () => {
  it("passes when a replica acknowledged", () => {
    expect(() => checkReplicated([null, 1])).not.toThrow();
  });

  it.each([
    ["no replica in time", [null, 0] as [null, number]],
    ["no reply at all", undefined],
    ["the connection closed mid-failover", [new Error("Connection is closed."), undefined] as [Error, undefined]],
    ["a node demoted under the WAIT", [new Error("UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)"), undefined] as [Error, undefined]],
    ["WAIT sent to a replica", [new Error("ERR WAIT cannot be used with replica instances."), undefined] as [Error, undefined]],
  ])("is store_unavailable when %s", (_what, reply) => {
    let thrown: unknown;
    try { checkReplicated(reply as never); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(StoreUnavailableError);
  });
});
