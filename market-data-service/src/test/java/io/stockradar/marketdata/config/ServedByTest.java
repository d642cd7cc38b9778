package io.stockradar.marketdata.config;

import io.stockradar.common.web.ServedByFilter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * X-Served-By names the instance (a pod, in Kubernetes) to anyone: it is on only where a deployment asks for it
 * ({@code SERVED_BY_ENABLED}: the local stack and compose), never by default (issue 20). Every service registers
 * it under the same condition; this is market-data-service's.
 */
class ServedByTest {

    private final WebApplicationContextRunner context = new WebApplicationContextRunner()
            .withInitializer(ctx -> ctx.getBeanFactory().setConversionService(
                    ApplicationConversionService.getSharedInstance())) // 64KB -> DataSize, as in the application
            .withUserConfiguration(WebConfiguration.class)
            .withPropertyValues("stockradar.instance-id=market-data-service:test");

    @Test
    void offUnlessEnabled() {
        context.run(ctx -> assertThat(servedBy(ctx.getBeansOfType(FilterRegistrationBean.class).values())).isFalse());
        context.withPropertyValues("stockradar.served-by.enabled=true")
                .run(ctx -> assertThat(servedBy(ctx.getBeansOfType(FilterRegistrationBean.class).values())).isTrue());
    }

    private static boolean servedBy(Collection<FilterRegistrationBean> registrations) {
        return registrations.stream().anyMatch(r -> r.getFilter() instanceof ServedByFilter);
    }
}
