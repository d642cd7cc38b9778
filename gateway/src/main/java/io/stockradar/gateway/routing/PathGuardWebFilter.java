package io.stockradar.gateway.routing;

import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Keeps {@code /internal/**} unreachable from outside, however the path is spelled.
 *
 * <p>The gateway forwards the raw path; the servlet container behind it decodes and normalises it. So
 * {@code /api/market/../../internal/x}, {@code /api/market/%2e%2e/%2e%2e/internal/x},
 * {@code /api/market/..;/..;/internal/x} or {@code /api/market/%2F..%2Finternal} would match a public
 * route here and reach an internal endpoint there. This filter runs first and answers 404 for any path
 * whose decoded, normalised form is under {@code /internal}, and for any path a container could read
 * differently from us: dot segments, encoded or back slashes, path parameters ({@code ;}), empty
 * segments, control characters. No legitimate API path looks like that.
 */
@Component
class PathGuardWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PathGuardWebFilter.class);

    /** Decode this many times at most: catches double and triple percent-encoding. */
    private static final int MAX_DECODE_ROUNDS = 3;

    private final ProblemWriter problems;

    PathGuardWebFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        if (isRoutable(rawPath)) {
            return chain.filter(exchange);
        }
        log.info("Refused non-routable path {}", rawPath);
        return problems.write(exchange, HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, "No such resource");
    }

    /** Whether a raw (still percent-encoded) request path may be routed at all. */
    static boolean isRoutable(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return true;
        }
        String decoded = decodeFully(rawPath);
        if (decoded == null || !isCanonical(rawPath, decoded)) {
            return false;
        }
        String lower = normalise(decoded).toLowerCase(Locale.ROOT);
        return !(lower.equals("/internal") || lower.startsWith("/internal/"));
    }

    /** No dot segments, no empty segments, no path parameters, no slashes hidden in encoding. */
    private static boolean isCanonical(String rawPath, String decoded) {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '\\' || c == ';' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        // A slash that only appears after decoding (%2F, %252F) would split a segment downstream.
        if (countSlashes(decoded) != countSlashes(rawPath)) {
            return false;
        }
        String[] segments = decoded.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !last)) {
                return false;
            }
        }
        return true;
    }

    private static int countSlashes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    /** Percent-decodes until stable (at most a few rounds); null if the encoding is malformed. */
    static String decodeFully(String raw) {
        String current = raw;
        for (int round = 0; round < MAX_DECODE_ROUNDS && current.indexOf('%') >= 0; round++) {
            String next = percentDecode(current);
            if (next == null) {
                return round == 0 ? null : current; // malformed raw path, or a literal '%' left after decoding
            }
            current = next;
        }
        return current;
    }

    private static String percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[n++] = (byte) ((hi << 4) + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + utf8.length > out.length) {
                    byte[] bigger = new byte[out.length + utf8.length + 16];
                    System.arraycopy(out, 0, bigger, 0, n);
                    out = bigger;
                }
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** RFC 3986 remove_dot_segments plus collapsing of repeated slashes, as a lenient container would. */
    static String normalise(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int semicolon = segment.indexOf(';');
            String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(name);
            }
        }
        return "/" + String.join("/", kept);
    }
}
