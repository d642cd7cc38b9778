package spike;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import reactor.core.publisher.Mono;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/** Only active in the "sec" build (resource-server starter on the classpath). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder")
@EnableWebFluxSecurity
public class SecConfig {

    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${spike.public-key}") String file) throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(Path.of(file))));
        ReactiveJwtDecoder delegate = NimbusReactiveJwtDecoder.withPublicKey(key).build();
        ConcurrentHashMap<String, Jwt> cache = new ConcurrentHashMap<>();
        return token -> {
            Jwt hit = cache.get(token);
            if (hit != null && (hit.getExpiresAt() == null || hit.getExpiresAt().isAfter(Instant.now()))) {
                return Mono.just(hit);
            }
            return delegate.decode(token).doOnNext(jwt -> cache.put(token, jwt));
        };
    }

    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            @Value("${spike.tuned:false}") boolean tuned) {
        if (tuned) {
            // the production gateway's tuning: no WebSession lookup (context repo, request cache), no anonymous/logout
            // filters, bearer token read without the regex and below the firewall's header-value regex
            SecurityWebFilterChain chain = http
                    .csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                    .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .authorizeExchange(a -> a.anyExchange().authenticated())
                    .oauth2ResourceServer(o -> o.bearerTokenConverter(SecConfig::fastBearer).jwt(j -> j.jwtDecoder(decoder)))
                    .build();
            List<WebFilter> filters = chain.getWebFilters()
                    .filter(f -> !(f instanceof ServerRequestCacheWebFilter)).collectList().block();
            return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), filters);
        }
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(a -> a.anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtDecoder(decoder)))
                .build();
    }

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static final ServerBearerTokenAuthenticationConverter STANDARD = new ServerBearerTokenAuthenticationConverter();

    /** Fast path for "Authorization: Bearer <b64token>" (same approach as gateway/security/BearerTokenConverter). */
    static Mono<Authentication> fastBearer(ServerWebExchange exchange) {
        ServerHttpRequest r = exchange.getRequest();
        String q = r.getURI().getRawQuery();
        if (q == null || !q.contains("access_token")) {
            while (r instanceof ServerHttpRequestDecorator d) r = d.getDelegate();
            String h = r.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                int i = 7, n = h.length();
                while (i < n && tokenChar(h.charAt(i))) i++;
                if (i > 7) {
                    while (i < n && h.charAt(i) == '=') i++;
                    if (i == n) return Mono.just(new BearerTokenAuthenticationToken(h.substring(7)));
                }
            }
        }
        return STANDARD.convert(exchange);
    }

    static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
