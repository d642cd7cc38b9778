package io.stockradar.agent.screener;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
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
    /** Its own group: every user-deleted event is handled once by one instance, apart from the chunk work. */
    static final String USER_DELETED_GROUP = "agent-service-user-deleted";
    static final String USER_DELETED_FACTORY = "userDeletedListenerFactory";

    @Bean
    NewTopic screenRequestedTopic(ScreenerProperties properties, @Value("${stockradar.kafka.replicas}") short replicas) {
        return TopicBuilder.name(SCREEN_REQUESTED_V1).partitions(properties.topicPartitions()).replicas(replicas).build();
    }

    /**
     * The {@code user-deleted} listener's containers: Boot's settings, one consumer, and an error handler of its
     * own: a failure there is the database (invalid records are skipped by the listener), so it is retried with
     * backoff (1 s doubling to 1 min) for as long as it takes; an erasure is never dropped.
     */
    @Bean(USER_DELETED_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> userDeletedListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setConcurrency(1);
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(60_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
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
