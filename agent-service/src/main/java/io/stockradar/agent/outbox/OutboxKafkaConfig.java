package io.stockradar.agent.outbox;

import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service produces; created at startup if missing (when the broker is reachable). */
@Configuration(proxyBeanMethods = false)
class OutboxKafkaConfig {

    @Bean
    NewTopic analysisCompletedTopic(@Value("${stockradar.kafka.partitions}") int partitions,
                                    @Value("${stockradar.kafka.replicas}") short replicas) {
        return TopicBuilder.name(Topics.ANALYSIS_COMPLETED_V1).partitions(partitions).replicas(replicas).build();
    }
}
