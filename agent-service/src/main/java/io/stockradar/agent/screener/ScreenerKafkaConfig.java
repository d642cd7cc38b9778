package io.stockradar.agent.screener;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * The work topic of distributed runs and how its consumer handles failures.
 *
 * <p>Every instance consumes {@value #SCREEN_REQUESTED_V1} in the one group {@value #CONSUMER_GROUP}, so a
 * run's chunks are shared by all instances and adding instances adds throughput (up to the partition count).
 * Offsets are committed per record after the listener returned, i.e. after the chunk's result was stored: a
 * chunk taken by an instance that dies before storing it is redelivered to another one.
 */
@Configuration(proxyBeanMethods = false)
class ScreenerKafkaConfig {

    static final String SCREEN_REQUESTED_V1 = "stockradar.screen-requested.v1";
    static final String CONSUMER_GROUP = "agent-service";

    @Bean
    NewTopic screenRequestedTopic(ScreenerProperties properties, @Value("${stockradar.kafka.replicas}") short replicas) {
        return TopicBuilder.name(SCREEN_REQUESTED_V1).partitions(properties.topicPartitions()).replicas(replicas).build();
    }

    /**
     * A chunk whose analysis fails (market data unreachable, database down) is retried with backoff
     * (0.5 s doubling, for at most {@code stockradar.screener.chunk-retry-for}); after that its run is marked
     * FAILED and the record skipped, so neither the partition nor the run's owner waits forever.
     */
    @Bean
    DefaultErrorHandler chunkErrorHandler(ChunkProcessor processor,
                                          @Value("${stockradar.screener.chunk-retry-for}") Duration retryFor) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(retryFor.toMillis());
        return new DefaultErrorHandler((record, e) -> processor.giveUp(String.valueOf(record.value()), e), backOff);
    }
}
