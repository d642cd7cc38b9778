package io.stockradar.agent.marketdata;

import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;

/**
 * A load-balanced {@link RestClient} for market-data-service: {@code http://market-data-service} is
 * resolved by Spring Cloud LoadBalancer (round robin over the instances in
 * {@code spring.cloud.discovery.client.simple.instances.market-data-service}). Explicit connect and read
 * timeouts; Boot's configurer keeps message converters and observations (trace propagation).
 */
@Configuration(proxyBeanMethods = false)
class MarketDataClientConfig {

    /** Not a default candidate, so it never replaces Boot's plain {@code RestClient.Builder} elsewhere. */
    @Bean(defaultCandidate = false)
    @LoadBalanced
    RestClient.Builder marketDataRestClientBuilder(RestClientBuilderConfigurer configurer,
                                                   MarketDataProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return configurer.configure(RestClient.builder())
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(requestFactory);
    }
}
