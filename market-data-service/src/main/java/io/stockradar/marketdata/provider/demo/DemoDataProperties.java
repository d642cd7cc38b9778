package io.stockradar.marketdata.provider.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param location where the dataset lives: a Spring resource prefix ending in {@code /}, e.g.
 *                 {@code classpath:demo-data/} (the bundled one) or {@code file:/srv/stockradar/demo-data/}
 */
@ConfigurationProperties("stockradar.demo")
record DemoDataProperties(@DefaultValue("classpath:demo-data/") String location) {
}
