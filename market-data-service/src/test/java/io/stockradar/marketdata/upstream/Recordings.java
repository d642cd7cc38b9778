package io.stockradar.marketdata.upstream;

import okhttp3.mockwebserver.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Replays the real recorded upstream responses in {@code src/test/resources/upstream/} (provenance:
 * {@code upstream/SOURCES.md}). node-yahoo-finance2 recordings carry status, headers and body; DART
 * recordings are bare bodies (OpenDART answers HTTP 200 with the status in the body).
 */
public final class Recordings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Recordings() {
    }

    /** A node-yahoo-finance2 recording as recorded: status, content type, Set-Cookie headers and body. */
    public static MockResponse yahoo(String file) {
        JsonNode response = JSON.readTree(text("upstream/yahoo/" + file)).path("response");
        MockResponse mock = new MockResponse().setResponseCode(response.path("status").asInt());
        JsonNode headers = response.path("headers");
        String contentType = first(headers.path("content-type"));
        if (contentType != null) {
            mock.setHeader("Content-Type", contentType);
        }
        JsonNode cookies = headers.path("set-cookie");
        if (cookies.isArray()) {
            cookies.forEach(cookie -> mock.addHeader("Set-Cookie", cookie.asString()));
        } else if (cookies.isString()) {
            mock.addHeader("Set-Cookie", cookies.asString());
        }
        if (response.has("bodyJson")) {
            mock.setBody(JSON.writeValueAsString(response.path("bodyJson")));
        } else if (response.has("bodyText")) {
            mock.setBody(response.path("bodyText").asString());
        } else if (response.path("body").isString()) {
            mock.setBody(response.path("body").asString());
        }
        return mock;
    }

    /** The body of a bradjacobs/java-yahoo-finance-api recording (raw body only), as HTTP 200 JSON. */
    public static MockResponse yahooBody(String file) {
        return new MockResponse().setHeader("Content-Type", "application/json;charset=utf-8")
                .setBody(text("upstream/yahoo/" + file));
    }

    /** A recorded OpenDART JSON body, as OpenDART sends every answer: HTTP 200. */
    public static MockResponse dart(String file) {
        return new MockResponse().setHeader("Content-Type", "application/json;charset=UTF-8")
                .setBody(text("upstream/dart/" + file));
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Recordings.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String first(JsonNode value) {
        if (value.isArray()) {
            return value.isEmpty() ? null : value.get(0).asString();
        }
        return value.isString() ? value.asString() : null;
    }
}
