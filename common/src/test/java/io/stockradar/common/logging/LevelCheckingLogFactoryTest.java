package io.stockradar.common.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LevelCheckingLogFactoryTest {

    /** A lazily formatted message, like Spring's LogMessage: counts how often it is turned into text. */
    private static final class CountingMessage {

        final AtomicInteger formatted = new AtomicInteger();

        @Override
        public String toString() {
            formatted.incrementAndGet();
            return "formatted";
        }
    }

    @Test
    void springsLogFactoryFindsThisOne() {
        Log log = LogFactory.getLog("io.stockradar.common.logging.test");

        assertThat(log).isInstanceOf(LevelCheckingLogFactory.LevelCheckingLog.class);
    }

    @Test
    void aMessageBelowTheEnabledLevelIsNeverFormatted() {
        Log log = LogFactory.getLog("io.stockradar.common.logging.test");
        CountingMessage message = new CountingMessage();
        assertThat(log.isTraceEnabled()).as("logback-test default level is DEBUG at most").isFalse();

        log.trace(message);
        log.trace(message, new IllegalStateException());

        assertThat(message.formatted).hasValue(0);
    }

    @Test
    void aMessageAtAnEnabledLevelIsFormattedOnce() {
        Log log = LogFactory.getLog("io.stockradar.common.logging.test");
        CountingMessage message = new CountingMessage();

        log.warn(message);

        assertThat(message.formatted).hasValue(1);
    }
}
