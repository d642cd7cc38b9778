package io.stockradar.agent.config;

import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.common.web.RequestBodyLimitFilter;
import io.stockradar.common.web.ServedByFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters every request passes before security: instance identity and the request body limit. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** A screener request with 500 symbols is ~10 KiB; 256 KiB leaves room without inviting abuse. */
    static final long MAX_REQUEST_BODY_BYTES = 256 * 1024;

    /** Only where asked for ({@code stockradar.served-by.enabled}): the header names pods to anyone outside. */
    @Bean
    @ConditionalOnBooleanProperty("stockradar.served-by.enabled")
    FilterRegistrationBean<ServedByFilter> servedByFilter(InstanceProperties instance) {
        FilterRegistrationBean<ServedByFilter> registration =
                new FilterRegistrationBean<>(new ServedByFilter(instance.instanceId()));
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
