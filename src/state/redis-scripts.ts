/**
 * Lua for the Redis store. Each script runs atomically in Redis, which is what makes admissions, budgets and
 * "publish if newer" safe for any number of workers: there is no read-then-write across a network round trip.
 * The limit rules are those of limit-rules.ts, line for line; test/state/store-contract.test.ts runs the same
 * scenarios against both. Time comes from Redis's own clock (`TIME`), so workers' clocks never matter.
 *
 * A limit is one JSON string (fields of `StoredLimit`); a budget is a sorted set of admission times (a sliding
 * window log) plus a sequence counter that keeps members unique within one millisecond.
 */

const COMMON = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function load(key)
  local text = redis.call('GET', key)
  if not text then return nil end
  local ok, value = pcall(cjson.decode, text)
  if not ok or type(value) ~= 'table' then return nil end
  return value
end
local function is_current(s, now)
  return s.resetAtMs ~= nil and s.resetAtMs > now
end
local function ttl_ms(s, now, knowledge)
  local last = now
  if s.resetAtMs ~= nil and s.resetAtMs > last then last = s.resetAtMs end
  if s.blockedUntilMs ~= nil and s.blockedUntilMs > last then last = s.blockedUntilMs end
  return math.ceil(last - now + knowledge)
end
local function save(key, s, now, knowledge)
  redis.call('SET', key, cjson.encode(s), 'PX', string.format('%d', ttl_ms(s, now, knowledge)))
end
local function fmt(x)
  return string.format('%.0f', x)
end
`;

/**
 * KEYS: the budget's log and sequence keys when ARGV[1] is 1, then the limit keys.
 * ARGV: has budget (0/1), budget max, budget window ms, knowledge TTL ms.
 * Returns {1} when admitted, else {0, wait ms, reason, index of the refusing key in KEYS, limit or -1, window ms or -1}.
 */
export const ADMIT_SCRIPT = `${COMMON}
local has_budget = ARGV[1] == '1'
local budget_max = tonumber(ARGV[2])
local budget_window = tonumber(ARGV[3])
local knowledge = tonumber(ARGV[4])
local now = now_ms()
local first_limit = 1
if has_budget then first_limit = 3 end

local best_wait, best_reason, best_index, best_limit, best_window = -1, '', 0, -1, -1
local function refuse(wait, reason, index, limit, window)
  if wait > best_wait then
    best_wait, best_reason, best_index = wait, reason, index
    best_limit, best_window = limit or -1, window or -1
  end
end

local limits = {}
for i = first_limit, #KEYS do
  local s = load(KEYS[i])
  limits[i] = s
  if s ~= nil then
    if s.blockedUntilMs ~= nil and s.blockedUntilMs > now then
      refuse(s.blockedUntilMs - now, 'blocked', i, s.limit, s.windowMs)
    elseif is_current(s, now) and s.remaining ~= nil and s.remaining <= 0 then
      refuse(s.resetAtMs - now, 'exhausted', i, s.limit, s.windowMs)
    end
  end
end

if has_budget then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', fmt(now - budget_window))
  if budget_max < 1 then
    refuse(budget_window, 'budget', 1, budget_max, budget_window)
  else
    local count = redis.call('ZCARD', KEYS[1])
    if count >= budget_max then
      local oldest = redis.call('ZRANGE', KEYS[1], count - budget_max, count - budget_max, 'WITHSCORES')
      refuse(math.max(1, tonumber(oldest[2]) + budget_window - now), 'budget', 1, budget_max, budget_window)
    end
  end
end

if best_wait >= 0 then
  return {0, math.ceil(best_wait), best_reason, best_index, best_limit, best_window}
end

for i = first_limit, #KEYS do
  local s = limits[i]
  if s ~= nil then
    if is_current(s, now) then
      if s.remaining ~= nil then
        s.remaining = s.remaining - 1
        save(KEYS[i], s, now, knowledge)
      end
    elseif s.limit ~= nil and s.windowMs ~= nil and s.windowMs > 0 then
      s.remaining = s.limit - 1
      s.resetAtMs = now + s.windowMs
      s.estimated = true
      save(KEYS[i], s, now, knowledge)
    end
  end
end

if has_budget then
  local sequence = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[1], fmt(now), fmt(now) .. '-' .. sequence)
  redis.call('PEXPIRE', KEYS[1], fmt(budget_window))
  redis.call('PEXPIRE', KEYS[2], fmt(budget_window))
end
return {1}
`;

/**
 * KEYS: the limit key. ARGV: the observation as JSON (fields of `LimitObservation`), knowledge TTL ms, slack ms.
 */
export const PUBLISH_SCRIPT = `${COMMON}
local o = cjson.decode(ARGV[1])
local knowledge = tonumber(ARGV[2])
local slack_max = tonumber(ARGV[3])
local now = now_ms()
local n = load(KEYS[1]) or {}

if not is_current(n, now) then
  n.remaining = nil
  n.resetAtMs = nil
  n.estimated = nil
end
if n.blockedUntilMs ~= nil and n.blockedUntilMs <= now then n.blockedUntilMs = nil end
if o.limit ~= nil then n.limit = o.limit end
if o.windowMs ~= nil and o.windowMs > 0 then n.windowMs = o.windowMs end
if o.retryAfterMs ~= nil and o.retryAfterMs > 0 then
  n.blockedUntilMs = math.max(n.blockedUntilMs or 0, now + o.retryAfterMs)
end

local function finish()
  save(KEYS[1], n, now, knowledge)
  return 1
end

if o.remaining == nil then return finish() end
local reset_ms = o.resetMs
if reset_ms == nil and o.remaining <= 0 then reset_ms = n.windowMs end
if reset_ms == nil or not (reset_ms > 0) then return finish() end
local reset_at = now + reset_ms

local function take()
  n.remaining = o.remaining
  n.resetAtMs = reset_at
  n.estimated = nil
  return finish()
end

if n.resetAtMs == nil or n.remaining == nil then return take() end
local slack = slack_max
if n.windowMs ~= nil and n.windowMs / 2 < slack then slack = n.windowMs / 2 end
if reset_at > n.resetAtMs + slack then return take() end
if reset_at >= n.resetAtMs - slack then
  n.remaining = math.min(n.remaining, o.remaining)
  if n.estimated then n.resetAtMs = reset_at else n.resetAtMs = math.min(n.resetAtMs, reset_at) end
  n.estimated = nil
  return finish()
end
if n.estimated then return take() end
return finish()
`;

/** KEYS: the limit key. Returns {now ms, the stored JSON or false}. */
export const READ_SCRIPT = `${COMMON}
return {fmt(now_ms()), redis.call('GET', KEYS[1])}
`;

/** KEYS: the lock key. ARGV: the token. Deletes the lock only if the token still holds it. */
export const RELEASE_LOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
