package io.stockradar.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request line exactly as given, the way an attacker would: no client library that could
 * normalise {@code ..} or re-encode the path on the way.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Answer(int status, String headers, String body) {
        public boolean hasHeader(String name, String valuePrefix) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)
                        && line.substring(colon + 1).trim().toLowerCase(Locale.ROOT)
                                .startsWith(valuePrefix.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
    }

    public static Answer send(int port, String method, String rawTarget, String authorization) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (authorization != null) {
                request.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (!method.equals("GET")) {
                request.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            } else {
                request.append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = readAll(socket.getInputStream());
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = headerEnd >= 0 ? response.substring(0, headerEnd) : response;
            String body = headerEnd >= 0 ? response.substring(headerEnd + 4) : "";
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Answer(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
