package io.stockradar.localstack;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarketDataProviderChoiceTest {

    @Test
    void anExplicitProviderIsTakenWithoutAskingYahoo() {
        assertThat(MarketDataProviderChoice.choose("demo")).isEqualTo("demo");
        assertThat(MarketDataProviderChoice.choose("yahoo")).isEqualTo("yahoo");
    }

    @Test
    void theProbeAcceptsOnlyAnOkAnswer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/limited", exchange -> {
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(MarketDataProviderChoice.probe(URI.create(base + "/ok"))).isNull();
            assertThat(MarketDataProviderChoice.probe(URI.create(base + "/limited"))).isEqualTo("HTTP 429");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableHostIsReportedWithTheReason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(MarketDataProviderChoice.probe(URI.create("http://127.0.0.1:" + closedPort + "/")))
                .startsWith("ConnectException");
    }

    @Test
    void testsAlwaysRunOnTheDemoData() {
        assertThat(LocalStack.Options.forTests(java.nio.file.Path.of(".")).provider()).isEqualTo("demo");
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalStack.Options(java.nio.file.Path.of("."),
                java.nio.file.Path.of("."), false, 0, 1, false, java.util.List.of(), java.time.Duration.ZERO, "live"));
    }
}
