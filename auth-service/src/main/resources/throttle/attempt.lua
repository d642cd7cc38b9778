-- Login throttle: check, then count one attempt against the account and the IP key, atomically.
-- KEYS[1] account key, KEYS[2] IP key (hashes: n = failures in the window, until = epoch ms to wait for)
-- ARGV[1] now (ms), ARGV[2] window (ms)
-- ARGV[3..7]  account policy: free failures, base delay ms, max delay ms, lock after, lock ms
-- ARGV[8..12] IP policy, same order
-- Returns 0 when the attempt may proceed (and was counted), else the milliseconds to wait (nothing counted).
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])

local wait = 0
for i = 1, 2 do
  local waitUntil = tonumber(redis.call('HGET', KEYS[i], 'until') or '0')
  if waitUntil - now > wait then
    wait = waitUntil - now
  end
end
if wait > 0 then
  return wait
end

for i = 1, 2 do
  local o = 3 + (i - 1) * 5
  local free, base, max = tonumber(ARGV[o]), tonumber(ARGV[o + 1]), tonumber(ARGV[o + 2])
  local lockAfter, lock = tonumber(ARGV[o + 3]), tonumber(ARGV[o + 4])
  local n = redis.call('HINCRBY', KEYS[i], 'n', 1)
  if n == 1 then
    redis.call('PEXPIRE', KEYS[i], window)
  end
  local delay = 0
  if n >= lockAfter then
    delay = lock
  elseif n > free then
    delay = math.min(base * math.pow(2, math.min(n - free - 1, 40)), max)
  end
  if delay > 0 then
    delay = math.floor(delay)
    redis.call('HSET', KEYS[i], 'until', string.format('%d', now + delay))
    if redis.call('PTTL', KEYS[i]) < delay then
      redis.call('PEXPIRE', KEYS[i], delay)
    end
  end
end
return 0
