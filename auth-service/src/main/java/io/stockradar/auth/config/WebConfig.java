package io.stockradar.auth.config;

import io.stockradar.common.web.RequestBodyLimitFilter;
import io.stockradar.common.web.ServedByFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** Servlet filters that run before Spring Security, and strict JSON input. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    /**
     * First: every response, also a 401 or 413, names the instance that produced it. Only where asked for
     * ({@code stockradar.served-by.enabled}): the header names pods to anyone outside.
     */
    @Bean
    @ConditionalOnBooleanProperty("stockradar.served-by.enabled")
    FilterRegistrationBean<ServedByFilter> servedByFilter(@Value("${spring.application.name}") String application,
            @Value("${stockradar.instance-id}") String instanceId) {
        FilterRegistrationBean<ServedByFilter> registration =
                new FilterRegistrationBean<>(new ServedByFilter(application + ":" + instanceId));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Second: oversized bodies are refused before anything parses them. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${stockradar.max-request-body:64KB}") DataSize maxBody) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * A JSON number or boolean where a string belongs is a client error, not something to convert:
     * {@code {"username": 12345}} is rejected naming the field instead of becoming "12345".
     */
    @Bean
    JsonMapperBuilderCustomizer strictTextCoercion() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
