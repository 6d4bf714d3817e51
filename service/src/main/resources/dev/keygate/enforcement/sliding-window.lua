-- Sliding-window rate limits shared by every Keygate instance (enforcement/RedisRateLimiter), the
-- semantics of LocalRateLimiter exactly. One call of this script is atomic: no other client's command
-- runs between the check of every limit and the entries added, so several instances share one limit.
--
-- KEYS[i]: one counter, a sorted set of entries: score = when (ms, Redis' clock), member =
--   "<amount>:<entry id>" (amount: 1 for a request or a parallel slot, the tokens of a recorded call).
-- ARGV[1]: admit (take one of every limit, or none) | peek (take nothing) | finish (a call ended)
-- ARGV[2], ARGV[3]: the window and the parallel slot lease, in ms
-- ARGV[4]: admit/peek: the call's estimated tokens; finish: the tokens it used (plain digits)
-- ARGV[5]: an id unique to this call, so that equal entries in one millisecond stay distinct
-- ARGV[4 + 2i], ARGV[5 + 2i]: the kind of KEYS[i] (RPM, TPM, PARALLEL) and its limit
-- Returns (admit/peek): {admitted 1|0, index of the exceeded limit or 0, retry after ms, remaining of each}

local mode = ARGV[1]
local window = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local amount = tonumber(ARGV[4])
local entry = ARGV[5]
-- Redis' clock, not each instance's: instances with skewed clocks still share one window.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local function kind_of(i) return ARGV[4 + 2 * i] end
local function limit_of(i) return tonumber(ARGV[5 + 2 * i]) end
local function span(kind)
  if kind == 'PARALLEL' then return lease end
  return window
end
local function amount_of(member) return tonumber(string.match(member, '^(%d+):')) end

-- Drops the entries that have left the window and returns the sum of those left.
local function used(key, kind)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - span(kind))
  if kind ~= 'TPM' then
    return redis.call('ZCARD', key)
  end
  local sum = 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    sum = sum + amount_of(member)
  end
  return sum
end

-- Milliseconds until at most `allowed` remain in the window: when the entry that brings it there leaves.
local function wait_until_free(key, total, allowed)
  local remaining = total
  local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
  for i = 1, #entries, 2 do
    if remaining <= allowed then break end
    remaining = remaining - amount_of(entries[i])
    if remaining <= allowed then
      return tonumber(entries[i + 1]) + window - now
    end
  end
  if remaining <= allowed then return 0 end
  return window
end

local function add(key, kind, member)
  redis.call('ZADD', key, now, member)
  -- An idle counter vanishes once its newest entry has left the window.
  redis.call('PEXPIRE', key, span(kind))
end

if mode == 'finish' then
  for i, key in ipairs(KEYS) do
    local kind = kind_of(i)
    if kind == 'TPM' and amount > 0 then
      add(key, kind, ARGV[4] .. ':' .. entry)
    elseif kind == 'PARALLEL' then
      -- The slot given back is the oldest lease still running.
      redis.call('ZREMRANGEBYSCORE', key, '-inf', now - lease)
      redis.call('ZPOPMIN', key)
    end
  end
  return {}
end

local in_window = {}
local exceeded, retry = 0, 0
for i, key in ipairs(KEYS) do
  local kind, limit = kind_of(i), limit_of(i)
  local sum = used(key, kind)
  in_window[i] = sum
  local wanted, fits = 1, sum + 1 <= limit
  if kind == 'TPM' then
    wanted = math.max(amount, 0)
    fits = sum < limit and sum + wanted <= limit
  end
  if not fits then
    local wait = 1000
    if kind ~= 'PARALLEL' then
      wait = wait_until_free(key, sum, limit - math.max(wanted, 1))
    end
    if exceeded == 0 or wait > retry then
      exceeded, retry = i, wait
    end
  end
end

local admitted = 0
if exceeded == 0 then admitted = 1 end
local result = {admitted, exceeded, retry}
for i, key in ipairs(KEYS) do
  local kind, limit = kind_of(i), limit_of(i)
  if admitted == 1 and mode == 'admit' and kind ~= 'TPM' then
    add(key, kind, '1:' .. entry)
    in_window[i] = in_window[i] + 1
  end
  result[3 + i] = math.max(limit - in_window[i], 0)
end
return result
