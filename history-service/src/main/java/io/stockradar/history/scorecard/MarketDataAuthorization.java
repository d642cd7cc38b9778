package io.stockradar.history.scorecard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.util.List;

/**
 * The service token history-service presents to market-data-service's {@code /internal/**}: an OAuth2
 * client-credentials token of registration {@value #REGISTRATION_ID}
 * ({@code spring.security.oauth2.client.registration.market-data.*}: client id = application name, scope
 * {@code market:read}, token endpoint of auth-service), obtained through Spring Security's OAuth2 client.
 * <ul>
 *   <li>The token is cached in the {@link OAuth2AuthorizedClientService} and reused until it is within
 *       {@code token-refresh-skew} of its expiry, then fetched again before the request.</li>
 *   <li>When market-data answers 401 (or 403), the interceptor's failure handler forgets the cached token,
 *       so the next request fetches a new one; {@link MarketDataClient} retries a 401 once at once.</li>
 *   <li>The token call has its own explicit connect and read timeouts.</li>
 * </ul>
 * This configuration only adds client-side beans: the resource-server security of the service's own API
 * (its {@code SecurityFilterChain}) is untouched, and Boot's oauth2Login chain backs off because one exists.
 */
@Configuration(proxyBeanMethods = false)
class MarketDataAuthorization {

    static final String REGISTRATION_ID = "market-data";

    /**
     * The scheduled job acts as the service, never as a user: one principal, so one cached token per
     * instance whatever thread (or request) triggers a call.
     */
    private static final Authentication SERVICE = new AnonymousAuthenticationToken(REGISTRATION_ID,
            "history-service", AuthorityUtils.createAuthorityList("ROLE_SERVICE"));

    @Bean
    AuthorizedClientServiceOAuth2AuthorizedClientManager marketDataAuthorizedClientManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService authorizedClients,
            ScorecardProperties properties) {
        ScorecardProperties.MarketData marketData = properties.marketData();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(marketData.connectTimeout())
                .build());
        requests.setReadTimeout(marketData.tokenReadTimeout());
        RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
        // the library's default client, plus timeouts
        tokens.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .messageConverters(List.of(new FormHttpMessageConverter(),
                        new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(clientCredentials -> clientCredentials
                        .accessTokenResponseClient(tokens)
                        .clockSkew(marketData.tokenRefreshSkew()))
                .build();
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }

    /** Adds {@code Authorization: Bearer <service token>} to every request of the market-data client. */
    static OAuth2ClientHttpRequestInterceptor interceptor(
            AuthorizedClientServiceOAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientService clients) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        interceptor.setPrincipalResolver(request -> SERVICE);
        interceptor.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(clients));
        return interceptor;
    }
}
