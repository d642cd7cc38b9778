-- Sign-up budget: count one sign-up for the client address; fixed window from its first one.
-- KEYS[1] address key (string counter), ARGV[1] budget per window, ARGV[2] window (ms)
-- Returns 0 when the sign-up may proceed, else the milliseconds until the window ends.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
if n <= tonumber(ARGV[1]) then
  return 0
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- a counter without expiry (it cannot happen through this script): never let it refuse forever
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return math.max(ttl, 1)
