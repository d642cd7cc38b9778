package io.stockradar.auth.throttle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The same policy as {@link RedisAttemptStore}, in this instance's memory: the fallback while Redis is
 * unreachable. Per instance only (N instances allow N times the attempts) and forgotten on restart, which
 * is why it is only a fallback. Bounded: when full, expired entries are dropped; if it is still full, the
 * oldest half of the table is dropped (and a warning logged) rather than growing without limit.
 */
class LocalAttemptStore implements AttemptStore {

    private static final Logger log = LoggerFactory.getLogger(LocalAttemptStore.class);

    private static final class Entry {
        long failures;
        long waitUntil;
        long expiresAt;
        final long createdAt;

        Entry(long createdAt) {
            this.createdAt = createdAt;
        }
    }

    private final LoginThrottleProperties properties;
    private final Map<String, Entry> entries = new HashMap<>();

    LocalAttemptStore(LoginThrottleProperties properties) {
        this.properties = properties;
    }

    @Override
    public synchronized long attempt(String account, String ip, long now) {
        String accountKey = "account:" + account;
        String ipKey = "ip:" + ip;
        long wait = Math.max(waitOf(accountKey, now), waitOf(ipKey, now));
        if (wait > 0) {
            return wait;
        }
        count(accountKey, properties.account(), now);
        count(ipKey, properties.ip(), now);
        return 0;
    }

    @Override
    public synchronized void succeeded(String account, String ip, long now) {
        entries.remove("account:" + account);
        Entry entry = live("ip:" + ip, now);
        if (entry != null) {
            entry.failures = Math.max(0, entry.failures - 1);
            if (entry.failures <= properties.ip().freeFailures()) {
                entry.waitUntil = 0;
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private long waitOf(String key, long now) {
        Entry entry = live(key, now);
        return entry == null ? 0 : Math.max(0, entry.waitUntil - now);
    }

    private void count(String key, LoginThrottleProperties.Policy policy, long now) {
        Entry entry = live(key, now);
        if (entry == null) {
            makeRoom(now);
            entry = new Entry(now);
            entry.expiresAt = now + properties.window().toMillis();
            entries.put(key, entry);
        }
        entry.failures++;
        long delay = policy.delayMillis(entry.failures);
        if (delay > 0) {
            entry.waitUntil = now + delay;
            entry.expiresAt = Math.max(entry.expiresAt, entry.waitUntil);
        }
    }

    private Entry live(String key, long now) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt <= now) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private void makeRoom(long now) {
        if (entries.size() < properties.localMaxEntries()) {
            return;
        }
        entries.values().removeIf(entry -> entry.expiresAt <= now);
        if (entries.size() >= properties.localMaxEntries()) {
            long median = entries.values().stream().mapToLong(e -> e.createdAt).sorted()
                    .skip(entries.size() / 2).findFirst().orElse(now);
            entries.values().removeIf(entry -> entry.createdAt <= median);
            log.warn("In-memory login throttle full ({} max): dropped the oldest half", properties.localMaxEntries());
        }
    }
}
