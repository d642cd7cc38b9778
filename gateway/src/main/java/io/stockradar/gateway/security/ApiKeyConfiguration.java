package io.stockradar.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.stockradar.gateway.error.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;

/**
 * Personal API keys at the edge (see {@link ApiKeyWebFilter}). auth-service is reached through the load
 * balancer, over the same instances (and health checks) as its routes.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyConfiguration.class);

    @Bean
    ApiKeyWebFilter apiKeyWebFilter(ApiKeyProperties properties, LoadBalancedExchangeFilterFunction loadBalancer,
            ProblemWriter problems, MeterRegistry meters) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        WebClient authService = WebClient.builder()
                .baseUrl("http://" + properties.authService())
                .filter(loadBalancer)
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
        ServiceTokenClient serviceTokens = new ServiceTokenClient(authService, properties);
        ApiKeyExchanger exchanger = new ApiKeyExchanger(authService, serviceTokens, properties, Clock.systemUTC());
        if (properties.enabled()) {
            log.info("API keys (X-API-Key) enabled: exchanged at {} as client '{}'", properties.authService(),
                    properties.clientId());
        } else {
            log.warn("API keys (X-API-Key) are DISABLED: no GATEWAY_CLIENT_SECRET configured; requests with a key get 401");
        }
        return new ApiKeyWebFilter(exchanger, properties, problems, meters);
    }
}
