package io.stockradar.agent.marketdata;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A load-balanced {@link RestClient} for market-data-service: {@code http://market-data-service} is
 * resolved by Spring Cloud LoadBalancer (round robin over the instances in
 * {@code spring.cloud.discovery.client.simple.instances.market-data-service}). Explicit connect and read
 * timeouts; Boot's configurer keeps message converters and observations (trace propagation).
 *
 * <p>Every call carries a client-credentials service token ({@code aud=stockradar-internal},
 * {@code scope=market:read}) from auth-service, obtained through Spring Security's OAuth2 client
 * (registration {@value ServiceTokenProperties#REGISTRATION_ID}). The token is cached in the
 * {@link OAuth2AuthorizedClientService} under one service principal (never the calling user, so every
 * request, Kafka consumer and scheduled job shares it) until {@code refresh-before-expiry} before it
 * expires; a 401 from market-data-service evicts it, so the next attempt fetches a new one
 * ({@link MarketDataClient} retries a 401 once).
 */
@Configuration(proxyBeanMethods = false)
class MarketDataClientConfig {

    /** The principal the service token is cached under: the service itself, whoever triggered the call. */
    static final Authentication SERVICE_PRINCIPAL = new AnonymousAuthenticationToken("stockradar-service",
            "agent-service", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    /** Not a default candidate, so it never replaces Boot's plain {@code RestClient.Builder} elsewhere. */
    @Bean(defaultCandidate = false)
    @LoadBalanced
    RestClient.Builder marketDataRestClientBuilder(RestClientBuilderConfigurer configurer,
                                                   MarketDataProperties properties,
                                                   OAuth2AuthorizedClientManager marketDataAuthorizedClientManager,
                                                   OAuth2AuthorizedClientService authorizedClientService) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return configurer.configure(RestClient.builder())
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(requestFactory)
                .requestInterceptor(serviceTokenInterceptor(marketDataAuthorizedClientManager, authorizedClientService));
    }

    /**
     * Obtains and caches the client-credentials token. {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}
     * (not the request-bound default manager) because most calls come from Kafka consumers and scheduled
     * jobs, outside any HTTP request.
     */
    @Bean
    OAuth2AuthorizedClientManager marketDataAuthorizedClientManager(ClientRegistrationRepository registrations,
                                                                    OAuth2AuthorizedClientService authorizedClientService,
                                                                    ServiceTokenProperties properties,
                                                                    ObjectProvider<ObservationRegistry> observationRegistry) {
        return authorizedClientManager(registrations, authorizedClientService, properties,
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    static OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                                 OAuth2AuthorizedClientService authorizedClientService,
                                                                 ServiceTokenProperties properties,
                                                                 ObservationRegistry observationRegistry) {
        ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(tokenResponseClient(properties.connectTimeout(), properties.readTimeout(),
                observationRegistry));
        provider.setClockSkew(properties.refreshBeforeExpiry());
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClientService);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    /** Adds {@code Authorization: Bearer <service token>}; a 401/403 answer evicts the cached token. */
    static OAuth2ClientHttpRequestInterceptor serviceTokenInterceptor(OAuth2AuthorizedClientManager manager,
                                                                      OAuth2AuthorizedClientService authorizedClientService) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> ServiceTokenProperties.REGISTRATION_ID);
        interceptor.setPrincipalResolver(request -> SERVICE_PRINCIPAL);
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClientService));
        return interceptor;
    }

    /** Spring Security's token client with its own converters and error handler, plus explicit timeouts. */
    private static RestClientClientCredentialsTokenResponseClient tokenResponseClient(Duration connectTimeout,
                                                                                       Duration readTimeout,
                                                                                       ObservationRegistry observationRegistry) {
        HttpClient httpClient = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(readTimeout);
        RestClient restClient = RestClient.builder()
                .requestFactory(requestFactory)
                .observationRegistry(observationRegistry)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(restClient);
        return client;
    }
}
