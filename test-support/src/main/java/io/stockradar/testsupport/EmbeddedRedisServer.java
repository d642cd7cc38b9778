package io.stockradar.testsupport;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A real redis-server binary (6.2, shipped in codemonstur's embedded-redis), no Docker. */
public final class EmbeddedRedisServer implements Redis, AutoCloseable {

    private final int port;
    private RedisServer server;

    private EmbeddedRedisServer(int port) {
        this.port = port;
    }

    /** Starts a server on {@code port} (0 = a free port). */
    public static EmbeddedRedisServer start(int port) {
        EmbeddedRedisServer redis = new EmbeddedRedisServer(port > 0 ? port : FreePorts.find());
        redis.start();
        return redis;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .build();
            server.start();
        } catch (IOException e) {
            server = null;
            throw new UncheckedIOException("Embedded Redis did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }
}
