import type { Redis } from "ioredis";

/**
 * The Redis outbox's Lua scripts (kept beside their port rather than in redis-scripts.ts: they
 * touch no other port's keys). Keys, under the tenant prefix T (one hash slot per tenant):
 * `T ob:i` hash id → delivery JSON (without its body), `T ob:b` hash id → body (dropped once
 * settled), `T ob:d:<endpoint>` zset id → when due, `T ob:l` zset id → lease end (claimed),
 * `T ob:log` zset of ids at score 0 (lexical order = creation order: ids are time-ordered),
 * `T ob:s` list of settled ids, newest first, trimmed to `keep`.
 *
 * Endpoint ids are `[A-Za-z0-9_-]{1,64}` (config and `webhooks:update` refuse others), so scripts
 * build `T ob:d:<endpoint>` keys from a delivery's JSON without escaping.
 */
const REAP = `
local function reap(T, now)
  local expired = redis.call('ZRANGEBYSCORE', T .. 'ob:l', '-inf', now, 'LIMIT', 0, 200)
  for _, id in ipairs(expired) do
    redis.call('ZREM', T .. 'ob:l', id)
    local j = redis.call('HGET', T .. 'ob:i', id)
    if j then
      local d = cjson.decode(j)
      if d.status == 'pending' then
        d.lease = nil
        d.nextAttemptAt = tonumber(now)
        redis.call('HSET', T .. 'ob:i', id, cjson.encode(d))
        redis.call('ZADD', T .. 'ob:d:' .. d.endpointId, now, id)
      end
    end
  end
end`;

const FINISH = `
local function finish(T, d, status, now, keep)
  d.status = status
  d.settledAt = tonumber(now)
  d.nextAttemptAt = nil
  d.lease = nil
  redis.call('HSET', T .. 'ob:i', d.id, cjson.encode(d))
  redis.call('HDEL', T .. 'ob:b', d.id)
  redis.call('LPUSH', T .. 'ob:s', d.id)
  while redis.call('LLEN', T .. 'ob:s') > tonumber(keep) do
    local old = redis.call('RPOP', T .. 'ob:s')
    redis.call('HDEL', T .. 'ob:i', old)
    redis.call('ZREM', T .. 'ob:log', old)
  end
end`;

export const OUTBOX_SCRIPTS = {
  /** ARGV: T, endpointId, now, limit, leaseMs, lease. Returns [json, body, json, body, …]. */
  cstObClaim: `${REAP}
local T, now, lease = ARGV[1], ARGV[3], ARGV[6]
reap(T, now)
local dueKey = T .. 'ob:d:' .. ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', dueKey, '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
local untilMs = tonumber(now) + tonumber(ARGV[5])
for _, id in ipairs(ids) do
  redis.call('ZREM', dueKey, id)
  local j = redis.call('HGET', T .. 'ob:i', id)
  if j then
    local d = cjson.decode(j)
    d.attempts = d.attempts + 1
    d.lease = lease
    d.nextAttemptAt = nil
    local enc = cjson.encode(d)
    redis.call('HSET', T .. 'ob:i', id, enc)
    redis.call('ZADD', T .. 'ob:l', untilMs, id)
    out[#out + 1] = enc
    out[#out + 1] = redis.call('HGET', T .. 'ob:b', id) or ''
  end
end
return out`,
  /** ARGV: T, id, lease, status, nextAttemptAt, lastError, now, keep. Returns 1 when settled, 0 when the lease is gone. */
  cstObSettle: `${FINISH}
local T, id = ARGV[1], ARGV[2]
local j = redis.call('HGET', T .. 'ob:i', id)
if not j then return 0 end
local d = cjson.decode(j)
if d.lease ~= ARGV[3] or d.status ~= 'pending' then return 0 end
redis.call('ZREM', T .. 'ob:l', id)
if ARGV[6] ~= '' then d.lastError = ARGV[6] end
if ARGV[4] == 'pending' then
  d.lease = nil
  d.nextAttemptAt = tonumber(ARGV[5])
  redis.call('HSET', T .. 'ob:i', id, cjson.encode(d))
  redis.call('ZADD', T .. 'ob:d:' .. d.endpointId, ARGV[5], id)
else
  finish(T, d, ARGV[4], ARGV[7], ARGV[8])
end
return 1`,
  /** ARGV: T, endpointId, now. Pulls every later due time of the endpoint to now. */
  cstObExpedite: `
local T, now = ARGV[1], ARGV[3]
local dueKey = T .. 'ob:d:' .. ARGV[2]
local ids = redis.call('ZRANGEBYSCORE', dueKey, '(' .. now, '+inf')
for _, id in ipairs(ids) do
  redis.call('ZADD', dueKey, now, id)
  local j = redis.call('HGET', T .. 'ob:i', id)
  if j then
    local d = cjson.decode(j)
    d.nextAttemptAt = tonumber(now)
    redis.call('HSET', T .. 'ob:i', id, cjson.encode(d))
  end
end
return #ids`,
  /** ARGV: T, endpointId, reason, now, keep. Fails every waiting delivery of the endpoint. */
  cstObAbandon: `${FINISH}
local T = ARGV[1]
local dueKey = T .. 'ob:d:' .. ARGV[2]
local ids = redis.call('ZRANGE', dueKey, 0, -1)
for _, id in ipairs(ids) do
  local j = redis.call('HGET', T .. 'ob:i', id)
  if j then
    local d = cjson.decode(j)
    d.lastError = ARGV[3]
    finish(T, d, 'failed', ARGV[4], ARGV[5])
  end
end
redis.call('DEL', dueKey)
return #ids`,
} as const;

export type OutboxScript = keyof typeof OUTBOX_SCRIPTS;

/** Registers the outbox scripts on a client (EVALSHA with EVAL fallback, as defineScripts does). */
export function defineOutboxScripts(client: Redis): void {
  // One declared key, the tenant's `ob:i` hash: on a Redis Cluster it routes the script to the
  // node that owns the tenant's slot, where every key the script builds from T lives too.
  for (const [name, lua] of Object.entries(OUTBOX_SCRIPTS)) client.defineCommand(name, { numberOfKeys: 1, lua });
}

/** Runs a script; `args[0]` is the tenant prefix T, the others are the script's. */
export function runOutboxScript(client: Redis, name: OutboxScript, args: [string, ...(string | number)[]]): Promise<unknown> {
  const fn = (client as unknown as Record<OutboxScript, (...a: (string | number)[]) => Promise<unknown>>)[name];
  return fn.call(client, `${args[0]}ob:i`, ...args);
}
