import type { ChainableCommander, Redis } from "ioredis";

/**
 * The Lua scripts behind the Redis stores' atomic operations. A script runs alone on the server, so
 * two nodes racing on the same message, queue entry or connection slot see one after the other.
 *
 * Some scripts derive per-message keys from the tenant prefix they are given (ARGV) instead of
 * receiving them in KEYS: they are unknown until the script reads them (the ids a trimmed
 * timeline drops). They share the tenant's hash tag, so they stay in one Redis Cluster slot.
 * The suffixes below are the single definition both sides use.
 *
 * Scripts never return Lua booleans or nil inside tables (their RESP2/RESP3 shapes differ):
 * flags are 0/1, "absent" is an empty table.
 */
export const SUFFIX = {
  message: "m:",
  flags: "fl:",
  flaggers: "fb:",
  helpful: "hv:",
  userMessages: "um:",
  filterList: "fe:",
} as const;

/** The filter-edit lists, in the order `filterEdits` returns them. */
export const FILTER_FIELDS = [
  "added", "removed", "allow", "disallowed", "linkAllow", "linkBlock", "linkUnallowed", "linkUnblocked", "termTags", "settings",
] as const;

/**
 * A Lua function forgetting message `d` of the tenant with prefix `T`: its keys, then the ids of
 * forgotten messages at the old end of its author's list (named in the message's `u` field), so
 * the list of an author none of whose messages is kept empties, and Redis drops it, instead of
 * every shopper who ever posted keeping 200 dead ids. The memory message half does the same.
 * A message stored before messages named their author's list has no `u`: its author's id is read
 * from its JSON and escaped as `encodeURIComponent` does (RedisContext's keys), byte by byte.
 */
const FORGET_MESSAGE = `
local function forgetMessage(T, d)
  local mk = T .. '${SUFFIX.message}' .. d
  local uk = redis.call('HGET', mk, 'u')
  if not uk then
    local j = redis.call('HGET', mk, 'j')
    local ok, m = pcall(cjson.decode, j or '')
    if ok and type(m) == 'table' and type(m.author) == 'table' and type(m.author.id) == 'string' then
      uk = T .. '${SUFFIX.userMessages}' .. (string.gsub(m.author.id, "[^%w%-_%.!~%*'%(%)]", function(c) return string.format('%%%02X', string.byte(c)) end))
    end
  end
  redis.call('DEL', mk, T .. '${SUFFIX.flags}' .. d, T .. '${SUFFIX.flaggers}' .. d, T .. '${SUFFIX.helpful}' .. d)
  if not uk then return end
  while true do
    local first = redis.call('LINDEX', uk, 0)
    if not first or redis.call('EXISTS', T .. '${SUFFIX.message}' .. first) == 1 then return end
    redis.call('LPOP', uk)
  end
end`;

const readFilterEdits = `
local out = { redis.call('HGET', KEYS[1], 'version') or '0' }
for _, f in ipairs({${FILTER_FIELDS.map((f) => `'${f}'`).join(", ")}}) do
  out[#out + 1] = redis.call('ZRANGE', ARGV[1] .. '${SUFFIX.filterList}' .. f, 0, -1)
end
return out`;

/** Records the member in every window of KEYS; per window, its count and distinct members, flat. */
const recordWindows = `
local out = {}
for k = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', ARGV[2])
  redis.call('ZADD', KEYS[k], ARGV[1], ARGV[3] .. '\\n' .. ARGV[4])
  redis.call('PEXPIRE', KEYS[k], ARGV[5])
  local seen, count, distinct = {}, 0, 0
  for _, e in ipairs(redis.call('ZRANGE', KEYS[k], 0, -1)) do
    count = count + 1
    local m = string.sub(e, string.find(e, '\\n', 1, true) + 1)
    if not seen[m] then
      seen[m] = true
      distinct = distinct + 1
    end
  end
  out[#out + 1] = count
  out[#out + 1] = distinct
end
return out`;

/**
 * Token buckets (limits/token-bucket.ts's arithmetic, on Redis's clock). KEYS: one bucket hash
 * each. ARGV: capacity, tokens per ms, ttl ms, for each key in turn. Returns the ms to wait per
 * key (0: a token was taken).
 */
const takeTokens = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
for k = 1, #KEYS do
  local cap, perMs = tonumber(ARGV[3 * k - 2]), tonumber(ARGV[3 * k - 1])
  local s = redis.call('HMGET', KEYS[k], 'tokens', 'at')
  local tokens, at = tonumber(s[1]) or cap, tonumber(s[2]) or now
  if now > at then tokens = math.min(cap, tokens + (now - at) * perMs) end
  if now > at then at = now end
  local wait = 0
  if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) / perMs)) end
  redis.call('HSET', KEYS[k], 'tokens', tostring(tokens), 'at', at)
  redis.call('PEXPIRE', KEYS[k], ARGV[3 * k])
  out[k] = wait
end
return out`;

export const SCRIPTS = {
  /**
   * KEYS: idempotency, message, timeline, user's ids, queue. ARGV: tenant prefix, id, json, status,
   * keep, idempotency ttl ms ("" = none), user ids kept. Also touches, by prefix: the keys of the
   * messages the timeline drops and their authors' lists (see forgetMessage).
   * Returns {1, message fields} for a duplicate, {0} once stored.
   */
  cstAppend: {
    keys: 5,
    lua: `${FORGET_MESSAGE}
local T, id = ARGV[1], ARGV[2]
if ARGV[6] ~= '' then
  local prev = redis.call('GET', KEYS[1])
  if prev then
    local prevKey = T .. '${SUFFIX.message}' .. prev
    if redis.call('EXISTS', prevKey) == 1 then return {1, redis.call('HGETALL', prevKey)} end
  end
  redis.call('SET', KEYS[1], id, 'PX', ARGV[6])
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'j', ARGV[3], 's', ARGV[4], 'u', KEYS[4])
redis.call('RPUSH', KEYS[3], id)
local over = redis.call('LLEN', KEYS[3]) - tonumber(ARGV[5])
if over > 0 then
  for _, d in ipairs(redis.call('LPOP', KEYS[3], over)) do
    -- a queued message outlives its place in the timeline: the review still needs it
    if not redis.call('ZSCORE', KEYS[5], d) then forgetMessage(T, d) end
  end
end
redis.call('RPUSH', KEYS[4], id)
redis.call('LTRIM', KEYS[4], -tonumber(ARGV[7]), -1)
return {0}`,
  },

  /** KEYS: message. ARGV: to, "1" when `from` applies, then the `from` statuses. Returns fields or {}. */
  cstStatus: {
    keys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
if ARGV[2] == '1' then
  local s, ok = redis.call('HGET', KEYS[1], 's'), false
  for i = 3, #ARGV do if ARGV[i] == s then ok = true end end
  if not ok then return {} end
end
redis.call('HSET', KEYS[1], 's', ARGV[1])
if ARGV[1] == 'visible' then redis.call('HSET', KEYS[1], 'x', '1') end
return redis.call('HGETALL', KEYS[1])`,
  },

  /** KEYS: timeline. ARGV: tenant prefix. Returns the fields of every message it deleted. */
  cstClear: {
    keys: 1,
    lua: `
local out = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local k = ARGV[1] .. '${SUFFIX.message}' .. id
  local s = redis.call('HGET', k, 's')
  if s and s ~= 'deleted' then
    redis.call('HSET', k, 's', 'deleted')
    out[#out + 1] = redis.call('HGETALL', k)
  end
end
return out`,
  },

  /** KEYS: a list of ids. ARGV: tenant prefix, start, stop. Returns the fields of each message still stored. */
  cstMessages: {
    keys: 1,
    lua: `
local out = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[1], ARGV[2], ARGV[3])) do
  local h = redis.call('HGETALL', ARGV[1] .. '${SUFFIX.message}' .. id)
  if #h > 0 then out[#out + 1] = h end
end
return out`,
  },

  /**
   * KEYS: a list of message ids (an author's list or a timeline). ARGV: tenant prefix, author id,
   * "1" to delete the list itself, "1" to forget the messages. Returns the fields of every listed
   * message of that author as they were; forgetting takes its flags, votes and queue entry with
   * it (SPEC §9.5 export and erasure).
   */
  cstAuthored: {
    keys: 1,
    lua: `
local T, out = ARGV[1], {}
for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  local mk = T .. '${SUFFIX.message}' .. id
  local j = redis.call('HGET', mk, 'j')
  if j then
    local ok, m = pcall(cjson.decode, j)
    if ok and type(m) == 'table' and type(m.author) == 'table' and m.author.id == ARGV[2] then
      out[#out + 1] = redis.call('HGETALL', mk)
      if ARGV[4] == '1' then
        redis.call('DEL', mk, T .. '${SUFFIX.flags}' .. id, T .. '${SUFFIX.flaggers}' .. id, T .. '${SUFFIX.helpful}' .. id, T .. 'q:' .. id)
        redis.call('ZREM', T .. 'q', id)
      end
    end
  end
end
if ARGV[3] == '1' then redis.call('DEL', KEYS[1]) end
return out`,
  },

  /**
   * KEYS: timeline, queue. ARGV: tenant prefix, before (epoch ms), max. Pops from the timeline's
   * old end the messages created before `before` (and ids whose message is gone), forgets them
   * unless queued, returns their fields as they were (SPEC §9.5 retention).
   */
  cstPurgeOld: {
    keys: 2,
    lua: `${FORGET_MESSAGE}
local T, before, max, out = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), {}
while #out < max do
  local id = redis.call('LINDEX', KEYS[1], 0)
  if not id then break end
  local mk = T .. '${SUFFIX.message}' .. id
  local j = redis.call('HGET', mk, 'j')
  if j then
    local ok, m = pcall(cjson.decode, j)
    if ok and type(m) == 'table' and type(m.createdAt) == 'number' and m.createdAt >= before then break end
    out[#out + 1] = redis.call('HGETALL', mk)
    redis.call('LPOP', KEYS[1])
    if not redis.call('ZSCORE', KEYS[2], id) then forgetMessage(T, id) end
  else
    redis.call('LPOP', KEYS[1])
  end
end
return out`,
  },

  /** KEYS: a list. ARGV: index, expected item, new item. Replaces the item only if it is still the one expected; 1 when replaced. */
  cstListSwap: {
    keys: 1,
    lua: `
if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1`,
  },

  /** KEYS: lock. ARGV: holder, ttl ms. Takes a free lock or renews the holder's; 1 when held by the holder now. */
  cstLock: {
    keys: 1,
    lua: `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`,
  },

  /** KEYS: lock. ARGV: holder. Deletes the lock only while the holder has it. */
  cstUnlock: {
    keys: 1,
    lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`,
  },

  /** KEYS: voters, message. ARGV: voter. Returns {count, added}. */
  cstHelpful: {
    keys: 2,
    lua: `
local added = redis.call('SADD', KEYS[1], ARGV[1])
local n = redis.call('SCARD', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HSET', KEYS[2], 'h', n) end
return {n, added}`,
  },

  /**
   * KEYS: message, flags, flaggers. ARGV: flagger id, flag json, reportsToHide, hideNow ("1").
   * Returns {} when the message is gone, else {added, count, hiddenNow, message fields}.
   * The count leaves out the flags spent by the last reset (the message's `f` field).
   */
  cstFlag: {
    keys: 3,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
local added = redis.call('SADD', KEYS[3], ARGV[1])
if added == 1 then redis.call('RPUSH', KEYS[2], ARGV[2]) end
local n = redis.call('SCARD', KEYS[3]) - tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local hidden = 0
if added == 1 and redis.call('HGET', KEYS[1], 's') == 'visible' and (ARGV[4] == '1' or n >= tonumber(ARGV[3])) then
  redis.call('HSET', KEYS[1], 's', 'hidden')
  hidden = 1
end
return {added, n, hidden, redis.call('HGETALL', KEYS[1])}`,
  },

  /**
   * KEYS: message, flags. Marks every flag so far as spent (the flags list only grows, one entry
   * per flagger, so a length is enough). Returns the flags that counted until now, {} when the message is gone.
   */
  cstFlagReset: {
    keys: 2,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
local spent = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
redis.call('HSET', KEYS[1], 'f', redis.call('LLEN', KEYS[2]))
return redis.call('LRANGE', KEYS[2], spent, -1)`,
  },

  /**
   * KEYS: entry, queue. ARGV: member, messageId, kind, priority, queuedAt, reasons json, normal-priority offset.
   * Reasons are JSON arrays joined as text, which needs no JSON library (and so no lossy re-encoding).
   */
  cstQueuePut: {
    keys: 2,
    lua: `
local k, p, t, r = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local prev = redis.call('HMGET', KEYS[1], 'k', 'p', 't', 'r')
if prev[1] then
  -- kinds rank filter < flag < report; a merge keeps the weightiest
  if prev[1] == 'report' or (prev[1] == 'flag' and k ~= 'report') then k = prev[1] end
  if prev[2] == 'high' then p = 'high' end
  t = prev[3]
  if r == '[]' then r = prev[4]
  elseif prev[4] ~= '[]' then r = string.sub(prev[4], 1, -2) .. ',' .. string.sub(r, 2) end
end
redis.call('HSET', KEYS[1], 'm', ARGV[2], 'k', k, 'p', p, 't', t, 'r', r)
local score = tonumber(t)
if p ~= 'high' then score = score + tonumber(ARGV[7]) end
redis.call('ZADD', KEYS[2], string.format('%.17g', score), ARGV[1])
return redis.call('HGETALL', KEYS[1])`,
  },

  /** KEYS: entry, queue. ARGV: member. The ZREM decides the single winner. */
  cstQueueTake: {
    keys: 2,
    lua: `
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return {} end
local e = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return e`,
  },

  /**
   * KEYS: queue, the message's room timeline. ARGV: tenant prefix, id. Forgets a reviewed message
   * that left its timeline (its keys and its author's list by prefix, see forgetMessage).
   */
  cstReleaseReviewed: {
    keys: 2,
    lua: `${FORGET_MESSAGE}
if redis.call('ZSCORE', KEYS[1], ARGV[2]) or redis.call('LPOS', KEYS[2], ARGV[2]) then return 0 end
forgetMessage(ARGV[1], ARGV[2])
return 1`,
  },

  /**
   * KEYS: a room's rates hash ("m<slot>" / "j<slot>" -> count). ARGV: kind ("m" or "j"), current
   * slot, slots per window, ttl ms. Counts one in the current slot, drops the window's worth of
   * slots before the window, and returns {messages, joins} over the window's slots.
   */
  cstRaidCount: {
    keys: 1,
    lua: `
local cur, n = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('HINCRBY', KEYS[1], ARGV[1] .. cur, 1)
local messages, joins = 0, 0
for s = cur - n + 1, cur do
  messages = messages + tonumber(redis.call('HGET', KEYS[1], 'm' .. s) or '0')
  joins = joins + tonumber(redis.call('HGET', KEYS[1], 'j' .. s) or '0')
end
for s = cur - 2 * n, cur - n do redis.call('HDEL', KEYS[1], 'm' .. s, 'j' .. s) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {messages, joins}`,
  },

  /** KEYS: bans hash, mutes hash. ARGV: user id. Both entries as stored (nil when absent), read in one call. */
  cstBanMute: {
    keys: 2,
    lua: `return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1])}`,
  },

  /** KEYS: hash. ARGV: field, the value read. Deletes an expired entry only if nobody replaced it since. */
  cstHdelIfSame: {
    keys: 1,
    lua: `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`,
  },

  /**
   * KEYS: user, ips, devices, users index. ARGV: user json, ip, device key, device entry
   * ("key\\njson"), at, ips kept, devices kept, index member, guest idle ttl ms (0 for a member).
   */
  cstSession: {
    keys: 5,
    lua: `
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'ls', ARGV[5])
redis.call('HSETNX', KEYS[1], 'fs', ARGV[5])
redis.call('LREM', KEYS[2], 0, ARGV[2])
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
local prefix = ARGV[3] .. '\\n'
for _, e in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
  if string.sub(e, 1, #prefix) == prefix then redis.call('LREM', KEYS[3], 0, e) end
end
redis.call('LPUSH', KEYS[3], ARGV[4])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[7]) - 1)
local idle = tonumber(ARGV[9])
if idle > 0 then
  -- a guest: forgotten after a while without a visit, and never a moderator candidate
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], idle) end
else
  redis.call('ZADD', KEYS[4], 'NX', 0, ARGV[8])
  -- the name index (folded name, NUL, id): a renamed member leaves their old entry
  local old = redis.call('HGET', KEYS[1], 'fn')
  if old and old ~= ARGV[10] then redis.call('ZREM', KEYS[5], old) end
  redis.call('ZADD', KEYS[5], 0, ARGV[10])
  redis.call('HSET', KEYS[1], 'fn', ARGV[10])
end
return 1`,
  },

  /** KEYS: meta hash. ARGV: tenant prefix, then (list, "+" | "-", value) triples. Returns version and lists. */
  cstFilterUpdate: {
    keys: 1,
    lua: `
for i = 2, #ARGV, 3 do
  local key = ARGV[1] .. '${SUFFIX.filterList}' .. ARGV[i]
  if ARGV[i + 1] == '+' then
    -- the score is a global insertion counter: lists keep the order terms were added in
    if not redis.call('ZSCORE', key, ARGV[i + 2]) then
      redis.call('ZADD', key, redis.call('HINCRBY', KEYS[1], 'seq', 1), ARGV[i + 2])
    end
  else
    redis.call('ZREM', key, ARGV[i + 2])
  end
end
redis.call('HINCRBY', KEYS[1], 'version', 1)
${readFilterEdits}`,
  },

  /** KEYS: meta hash. ARGV: tenant prefix. Read in one step so lists and version agree. */
  cstFilterGet: {
    keys: 1,
    lua: readFilterEdits,
  },

  /**
   * KEYS: the room's and the tenant's dashboard minute buckets, then their hour buckets. ARGV:
   * minute ttl ms, hour ttl ms, then pairs of counter name and count.
   */
  cstDash: {
    keys: 4,
    lua: `
for i = 1, 4 do
  for j = 3, #ARGV, 2 do redis.call('HINCRBY', KEYS[i], ARGV[j], ARGV[j + 1]) end
  redis.call('PEXPIRE', KEYS[i], i <= 2 and ARGV[1] or ARGV[2])
end
return 1`,
  },

  /**
   * Bumps a user's counters, creating a placeholder record if none (people/redis-people-store.ts,
   * queueUserBump). KEYS: user hash, the tenant's users index. ARGV: placeholder author json,
   * now, guest (1/0), a guest record's idle ms, by, encoded id, then the counters to bump. One
   * command where it took up to eight: the stats flush sends one per author every second.
   */
  cstUserBump: {
    keys: 2,
    lua: `
redis.call('HSETNX', KEYS[1], 'u', ARGV[1])
redis.call('HSETNX', KEYS[1], 'fs', ARGV[2])
redis.call('HSETNX', KEYS[1], 'ls', ARGV[2])
local messages = false
for i = 7, #ARGV do
  redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[i], ARGV[5])
  if ARGV[i] == 'messages' then messages = true end
end
if ARGV[3] == '1' then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return 1
end
redis.call('ZADD', KEYS[2], 'NX', 0, ARGV[6])
if messages then redis.call('ZINCRBY', KEYS[2], ARGV[5], ARGV[6]) end
return 1`,
  },

  /** KEYS: room stats hash, rooms index (room -> latest minute). ARGV: field, minute, room, prune before (ms), ttl ms, count. */
  cstStat: {
    keys: 2,
    lua: `
redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if redis.call('HLEN', KEYS[1]) > 210 then
  local cutoff = tonumber(ARGV[4])
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    local m = tonumber(string.match(f, '^(%d+):'))
    if m and m < cutoff then redis.call('HDEL', KEYS[1], f) end
  end
end
redis.call('ZADD', KEYS[2], 'GT', ARGV[2], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4])
return 1`,
  },

  /**
   * KEYS: the IP's hash (node -> held). ARGV: node, limit, node liveness key prefix, liveness ms, hash ttl ms.
   * Counts only nodes whose liveness key still exists: a killed node's slots vanish with it.
   */
  cstAcquire: {
    keys: 1,
    lua: `
local me, np = ARGV[1], ARGV[3]
local h = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 1, #h, 2 do
  if h[i] ~= me and redis.call('EXISTS', np .. h[i]) == 0 then
    redis.call('HDEL', KEYS[1], h[i])
  else
    total = total + tonumber(h[i + 1])
  end
end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], me, 1)
redis.call('SET', np .. me, '1', 'PX', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`,
  },

  /** KEYS: the IP's hash. ARGV: node. */
  cstRelease: {
    keys: 1,
    lua: `
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`,
  },

  /**
   * Token bucket (see token-bucket.ts, whose `takeToken` this mirrors). KEYS: bucket hash.
   * ARGV: capacity, tokens per ms, ttl ms. Time is Redis's own clock, so nodes whose clocks
   * disagree still share one bucket fairly. Returns {0} when a token was taken, else {ms to wait}.
   */
  cstBucket: { keys: 1, lua: takeTokens },
  /** cstBucket on two buckets of one tenant (a guest's own and its network's) in one call. */
  cstBucket2: { keys: 2, lua: takeTokens },

  /**
   * KEYS: window sorted set. ARGV: now, drop scores up to, unique tag, member, ttl ms.
   * Entries are "tag\\nmember" so repeats of one member are kept apart; distinct counts the members.
   */
  /** Removes from a spam window (zset of "tag\nmember") every entry of one member (SPEC §9.5 erasure). */
  cstForgetMember: {
    keys: 1,
    lua: `
local n = 0
for _, e in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(e, string.find(e, '\\n', 1, true) + 1) == ARGV[1] then
    redis.call('ZREM', KEYS[1], e)
    n = n + 1
  end
end
return n`,
  },
  /** KEYS: a spam window (zset at -> "tag\nmember"). ARGV: now, drop at or before, tag, member, ttl ms. Returns {count, distinct}. */
  cstWindow: { keys: 1, lua: recordWindows },
  /** cstWindow on two windows of one tenant (a message's repeat and raid windows) in one call. */
  cstWindow2: { keys: 2, lua: recordWindows },
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Registers every script on a client (EVALSHA, falling back to EVAL after a Redis restart empties the cache). */
export function defineScripts(client: Redis): void {
  for (const [name, s] of Object.entries(SCRIPTS)) client.defineCommand(name, { numberOfKeys: s.keys, lua: s.lua });
}

/**
 * Runs a script registered by `defineScripts` on a client, or queues it on a MULTI/pipeline
 * (whose `exec` then carries its reply).
 */
export function runScript(client: Redis, name: ScriptName, keys: string[], args: (string | number)[]): Promise<unknown>;
export function runScript(client: ChainableCommander, name: ScriptName, keys: string[], args: (string | number)[]): ChainableCommander;
export function runScript(client: Redis | ChainableCommander, name: ScriptName, keys: string[], args: (string | number)[]): unknown {
  if (keys.length !== SCRIPTS[name].keys) throw new Error(`${name} takes ${SCRIPTS[name].keys} keys`);
  const fn = (client as unknown as Record<ScriptName, (...a: (string | number)[]) => unknown>)[name];
  return fn.call(client, ...keys, ...args);
}
