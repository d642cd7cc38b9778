package io.stockradar.marketdata.dart;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/** Without live DART (the default), disclosures come from the bundled recorded DART responses. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "stockradar.dart", name = "enabled", havingValue = "false", matchIfMissing = true)
class RecordedDisclosureConfiguration {

    @Bean
    RecordedDisclosureSource recordedDisclosureSource(ResourcePatternResolver resources, JsonMapper jsonMapper) {
        return new RecordedDisclosureSource(resources, jsonMapper, "classpath:dart-recorded/");
    }
}
