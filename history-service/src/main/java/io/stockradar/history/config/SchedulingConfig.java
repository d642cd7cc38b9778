package io.stockradar.history.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} jobs (scorecard outcomes, retention purge). Each job guards itself with a
 * PostgreSQL advisory lock, so with several instances only one does the work; each job's cron can be
 * set to {@code -} to disable it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {
}
