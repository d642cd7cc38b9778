package io.stockradar.marketdata.config;

import io.stockradar.common.web.RequestBodyLimitFilter;
import io.stockradar.common.web.ServedByFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /**
     * Before security, so that 401s name the instance too. Only where asked for
     * ({@code stockradar.served-by.enabled}): the header names pods to anyone outside.
     */
    @Bean
    @ConditionalOnBooleanProperty("stockradar.served-by.enabled")
    FilterRegistrationBean<ServedByFilter> servedByFilter(@Value("${stockradar.instance-id}") String instanceId) {
        FilterRegistrationBean<ServedByFilter> registration = new FilterRegistrationBean<>(new ServedByFilter(instanceId));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** 64 KiB fits a batch of 1000 symbols with room to spare. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${stockradar.web.max-request-body:64KB}") DataSize maxBody) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
