package io.stockradar.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free TCP ports for servers. Ports come from {@value #LOW}-{@value #HIGH}, below Linux's default
 * ephemeral range (32768-60999): a port handed out by the kernel for {@code bind(0)} is also what outgoing
 * connections use, so another process's client socket could take it between our check and the server's
 * bind. Below that range only servers that choose their port compete with us.
 */
public final class FreePorts {

    static final int LOW = 20_000;
    static final int HIGH = 32_000;

    private FreePorts() {
    }

    public static int find() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOW + " and " + HIGH);
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
