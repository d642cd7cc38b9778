package io.stockradar.gateway.routing;

import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.config.GatewayProperties;
import io.stockradar.gateway.error.PayloadTooLargeException;
import io.stockradar.gateway.error.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Rejects request bodies above {@code stockradar.gateway.max-request-body} with 413 problem+json.
 *
 * <p>Spring Cloud Gateway's {@code RequestSize} filter only looks at {@code Content-Length} and answers
 * with an empty body; this filter also answers in problem+json and counts the bytes of bodies streamed
 * without a length (chunked), failing the exchange as soon as they pass the limit.
 */
@Component
class RequestBodyLimitWebFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final ProblemWriter problems;

    RequestBodyLimitWebFilter(GatewayProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // after the path guard, before security and routing
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes");
        }
        if (declared >= 0) {
            return chain.filter(exchange); // the server never reads past a declared length
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLargeException(maxBytes));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
