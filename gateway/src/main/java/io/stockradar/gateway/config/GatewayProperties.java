package io.stockradar.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Edge settings of the gateway.
 *
 * @param maxRequestBody largest request body accepted at the edge; larger ones get 413 before any routing
 * @param unreachableQuarantine how long an instance that refused a connection is skipped by the load
 *                              balancer (passive eviction between two active health checks)
 */
@ConfigurationProperties("stockradar.gateway")
public record GatewayProperties(
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("10s") Duration unreachableQuarantine) {
}
