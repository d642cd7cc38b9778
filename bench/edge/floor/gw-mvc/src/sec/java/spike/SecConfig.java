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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.context.NullSecurityContextRepository;

/** Only active in the "sec" build (resource-server starter on the classpath). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.JwtDecoder")
@EnableWebSecurity
public class SecConfig {

    @Bean
    JwtDecoder jwtDecoder(@Value("${spike.public-key}") String file) throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(Path.of(file))));
        JwtDecoder delegate = NimbusJwtDecoder.withPublicKey(key).build();
        ConcurrentHashMap<String, Jwt> cache = new ConcurrentHashMap<>();
        return token -> {
            Jwt hit = cache.get(token);
            if (hit != null && (hit.getExpiresAt() == null || hit.getExpiresAt().isAfter(Instant.now()))) {
                return hit;
            }
            Jwt jwt = delegate.decode(token);
            cache.put(token, jwt);
            return jwt;
        };
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, JwtDecoder decoder,
            @Value("${spike.tuned:false}") boolean tuned) throws Exception {
        if (tuned) {
            // same tuning as the reactive "tuned" variant
            return http
                    .csrf(c -> c.disable())
                    .httpBasic(b -> b.disable())
                    .formLogin(f -> f.disable())
                    .logout(l -> l.disable())
                    .anonymous(a -> a.disable())
                    .requestCache(r -> r.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(s -> s.securityContextRepository(new NullSecurityContextRepository()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .oauth2ResourceServer(o -> o.bearerTokenResolver(SecConfig::fastBearer).jwt(j -> j.decoder(decoder)))
                    .build();
        }
        return http
                .csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder)))
                .build();
    }

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    private static final DefaultBearerTokenResolver STANDARD = new DefaultBearerTokenResolver();

    static String fastBearer(HttpServletRequest request) {
        String q = request.getQueryString();
        if (q == null || !q.contains("access_token")) {
            ServletRequest r = request;
            while (r instanceof ServletRequestWrapper w) r = w.getRequest();
            String h = ((HttpServletRequest) r).getHeader("Authorization");
            if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                int i = 7, n = h.length();
                while (i < n && tokenChar(h.charAt(i))) i++;
                if (i > 7) {
                    while (i < n && h.charAt(i) == '=') i++;
                    if (i == n) return h.substring(7);
                }
            }
        }
        return STANDARD.resolve(request);
    }

    static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
