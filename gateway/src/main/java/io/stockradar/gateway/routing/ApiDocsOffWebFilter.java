package io.stockradar.gateway.routing;

import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With the API documents off ({@code API_DOCS_ENABLED=false}, as in the production overlays) springdoc stops
 * serving the combined view, but the routes to each service's document ({@code /openapi/<service>}) are plain
 * gateway routes: this filter answers them 404 too, so production exposes no API description (issue 20). It
 * exists only then: with the documents on, no request pays for one more filter.
 */
@Component
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", havingValue = "false")
class ApiDocsOffWebFilter implements WebFilter, Ordered {

    static final String PREFIX = "/openapi/";

    private final ProblemWriter problems;

    ApiDocsOffWebFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after PathGuardWebFilter, before security
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, "No such resource");
    }
}
