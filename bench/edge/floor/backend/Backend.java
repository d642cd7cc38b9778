import com.sun.net.httpserver.*;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.*;

/** Tiny static backend: fixed ~400-byte JSON for any path. Usage: java Backend.java <port> */
public class Backend {
    public static void main(String[] a) throws Exception {
        int port = a.length > 0 ? Integer.parseInt(a[0]) : 9000;
        StringBuilder sb = new StringBuilder("{\"symbol\":\"ACME\",\"price\":123.45,\"currency\":\"USD\",\"ts\":\"2026-01-01T00:00:00Z\",\"pad\":\"");
        while (sb.length() < 398) sb.append('x');
        sb.append("\"}");
        byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        System.out.println("body bytes=" + body.length);
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        s.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        // fixed-size pool of 8 virtual-thread-backed workers
        ThreadFactory vf = Thread.ofVirtual().name("be-", 0).factory();
        s.setExecutor(Executors.newFixedThreadPool(8, vf));
        s.start();
        System.out.println("backend on " + port);
    }
}
