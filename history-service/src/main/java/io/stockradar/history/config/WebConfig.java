package io.stockradar.history.config;

import io.stockradar.common.web.RequestBodyLimitFilter;
import io.stockradar.common.web.ServedByFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters that run before security, so even a 401 or 413 names the instance that sent it. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** The history API reads only; no endpoint needs a body larger than this. */
    static final long MAX_REQUEST_BODY_BYTES = 16 * 1024;

    /** Only where asked for ({@code stockradar.served-by.enabled}): the header names pods to anyone outside. */
    @Bean
    @ConditionalOnBooleanProperty("stockradar.served-by.enabled")
    FilterRegistrationBean<ServedByFilter> servedByFilter(
            @Value("${spring.application.name}") String application,
            @Value("${stockradar.instance-id:${server.port}}") String instanceId) {
        FilterRegistrationBean<ServedByFilter> registration =
                new FilterRegistrationBean<>(new ServedByFilter(application + ":" + instanceId));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(MAX_REQUEST_BODY_BYTES));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
