package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.StringOrBytesSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;


/**
 * The consumers of {@code analysis-completed} (a batch listener) and {@code user-deleted} (a record listener).
 * <ul>
 *   <li>Values are read by an {@link ErrorHandlingDeserializer} around a validating JSON reader, so a
 *       poison record (not JSON, wrong shape, a required field missing) never reaches a listener as an
 *       event: the batch listener finds it with a null value and the cause in a header, the record
 *       listener never sees it.</li>
 *   <li>Such records, and records the database rejects as inconsistent, go to {@code <topic>.dlt} at once
 *       with their original bytes; Spring Kafka adds the {@code kafka_dlt-exception-*} and
 *       {@code kafka_dlt-original-*} (topic, partition, offset) headers, and this service adds
 *       {@value #DEAD_LETTER_REASON_HEADER} with the root cause. Everything else (the database down) is
 *       retried with a capped exponential back-off until it succeeds: a valid event is never
 *       dead-lettered for an outage.</li>
 *   <li>Boot's listener settings apply ({@code ack-mode: manual}, concurrency, virtual threads); fetch
 *       sizes are tuned in {@code application.yml} so that a busy consumer gets large batches.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class IngestKafkaConfig {

    static final String ANALYSIS_COMPLETED_FACTORY = "analysisCompletedListenerFactory";
    static final String USER_DELETED_FACTORY = "userDeletedListenerFactory";
    static final String DEAD_LETTER_SUFFIX = ".dlt";
    /**
     * The innermost cause of a dead letter, e.g. {@code InvalidEventException: Invalid event: eventId is
     * required}. Spring's {@code kafka_dlt-exception-message} only says "failed to deserialize" for
     * records that could not be read; the cause is otherwise buried in the stack-trace header.
     */
    static final String DEAD_LETTER_REASON_HEADER = "stockradar-dlt-reason";
    private static final int MAX_REASON_LENGTH = 2_000;

    /**
     * A batch listener factory: {@link AnalysisCompletedListener} receives a whole poll and records it in
     * one transaction. It has its own error handler (see {@link #batchErrorHandler}); Boot's configurer
     * applies everything else (manual acknowledgement, concurrency, virtual threads).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> analysisCompletedListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> bootConsumerFactory,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers, JsonMapper json,
            DeadLetterPublishingRecoverer deadLetterRecoverer, ConsumerProperties properties) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = listenerFactory(configurer,
                consumerFactory(bootConsumerFactory, customizers, () -> new ValidatingJsonDeserializer<>(json,
                        AnalysisCompletedEvent.class, EventContract::violations)));
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(batchErrorHandler(deadLetterRecoverer, properties));
        return factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> userDeletedListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> bootConsumerFactory,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers, JsonMapper json) {
        return listenerFactory(configurer, consumerFactory(bootConsumerFactory, customizers,
                () -> new ValidatingJsonDeserializer<>(json, UserDeletedEvent.class, EventContract::violations)));
    }

    /**
     * Sends poison records to {@code <topic>.dlt} with their original bytes when they could not be read,
     * Spring Kafka's {@code kafka_dlt-exception-*} / {@code kafka_dlt-original-*} headers and
     * {@value #DEAD_LETTER_REASON_HEADER}. Used by the error handlers and, for the batch listener, by the
     * listener itself.
     */
    @Bean
    DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaTemplate<Object, Object> deadLetterTemplate) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                IngestKafkaConfig::deadLetterPartition);
        recoverer.setHeadersFunction((record, exception) -> new RecordHeaders().add(DEAD_LETTER_REASON_HEADER,
                reason(exception).getBytes(StandardCharsets.UTF_8)));
        return recoverer;
    }

    /** Picked up by Boot's listener container configurer for the record listeners (user-deleted). */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer deadLetterRecoverer,
                                          ConsumerProperties properties) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetterRecoverer, backOff(properties));
        // DeserializationException (and so InvalidEventException inside it) is not retryable by default
        handler.addNotRetryableExceptions(InvalidEventException.class, DataIntegrityViolationException.class);
        handler.setRetryListeners(new DeadLetterLogging());
        return handler;
    }

    /**
     * The batch listener dead-letters its poison records itself, so whatever it throws is transient (the
     * database or the broker is unreachable): the whole batch is retried with back-off until it succeeds.
     * Every exception is classified retryable, so the handler can never fall through to recovering, i.e.
     * dead-lettering, the valid events of a batch.
     */
    static DefaultErrorHandler batchErrorHandler(DeadLetterPublishingRecoverer deadLetterRecoverer,
                                                 ConsumerProperties properties) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetterRecoverer, backOff(properties));
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new DeadLetterLogging());
        return handler;
    }

    private static ExponentialBackOff backOff(ConsumerProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setJitter(properties.retryInitialInterval().toMillis() / 4);
        return backOff;
    }

    /**
     * Publishes dead letters: the original bytes of a record that could not be read, or the JSON of an
     * event the database refused. Keys stay as they were (the user id), so per-user order survives.
     */
    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(ProducerFactory<?, ?> bootProducerFactory,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers, JsonMapper json) {
        Serializer<Object> keys = new StringOrBytesSerializer();
        Serializer<Object> values = (topic, data) -> data == null || data instanceof byte[]
                ? (byte[]) data
                : json.writeValueAsBytes(data);
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(
                bootProducerFactory.getConfigurationProperties(), () -> keys, () -> values);
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    NewTopic analysisCompletedDeadLetterTopic(ConsumerProperties properties) {
        return TopicBuilder.name(Topics.ANALYSIS_COMPLETED_V1_DLT).partitions(properties.deadLetterPartitions()).build();
    }

    @Bean
    NewTopic userDeletedDeadLetterTopic(ConsumerProperties properties) {
        return TopicBuilder.name(Topics.USER_DELETED_V1 + DEAD_LETTER_SUFFIX)
                .partitions(properties.deadLetterPartitions()).build();
    }

    static String reason(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }

    /** {@code <topic>.dlt}; partition -1 lets the producer partition by the original key. */
    static TopicPartition deadLetterPartition(ConsumerRecord<?, ?> record, Exception exception) {
        String topic = Topics.ANALYSIS_COMPLETED_V1.equals(record.topic())
                ? Topics.ANALYSIS_COMPLETED_V1_DLT
                : record.topic() + DEAD_LETTER_SUFFIX;
        return new TopicPartition(topic, -1);
    }

    private static ConcurrentKafkaListenerContainerFactory<Object, Object> listenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(false);
        return factory;
    }

    /**
     * A consumer factory with Boot's resolved settings (bootstrap servers, group, offsets, security)
     * and this event type's value deserializer.
     */
    private static <T> ConsumerFactory<Object, Object> consumerFactory(ConsumerFactory<?, ?> bootConsumerFactory,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers, Supplier<Deserializer<T>> values) {
        DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(
                bootConsumerFactory.getConfigurationProperties(),
                () -> untyped(new StringDeserializer()),
                () -> untyped(new ErrorHandlingDeserializer<>(values.get())));
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    @SuppressWarnings("unchecked")
    private static Deserializer<Object> untyped(Deserializer<?> deserializer) {
        return (Deserializer<Object>) deserializer;
    }
}
