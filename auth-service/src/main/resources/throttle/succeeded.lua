-- Login throttle: the attempt just counted succeeded.
-- KEYS[1] account key (forgotten), KEYS[2] IP key (the attempt is uncounted)
-- ARGV[1] the IP policy's free failures: at or below it, the IP need not wait any more
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  local n = redis.call('HINCRBY', KEYS[2], 'n', -1)
  if n <= tonumber(ARGV[1]) then
    redis.call('HDEL', KEYS[2], 'until')
  end
end
return 0
