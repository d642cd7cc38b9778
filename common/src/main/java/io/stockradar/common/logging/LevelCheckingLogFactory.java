package io.stockradar.common.logging;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commons Logging (Spring's own logging API) over SLF4J, like the {@code Slf4jLogFactory} that Commons Logging
 * 1.3-1.4 picks by itself, except that a message is turned into text only when its level is enabled. That
 * factory's loggers call {@code String.valueOf(message)} before SLF4J looks at the level, so every lazy
 * {@code logger.debug(LogMessage.format(...))} in Spring - Spring Security runs several per request - is
 * formatted and thrown away (bench/edge/README.md).
 * Registered through {@code META-INF/services/org.apache.commons.logging.LogFactory}, which Commons Logging
 * consults before its own choice, in every service (they all depend on this module).
 */
public final class LevelCheckingLogFactory extends LogFactory {

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, key -> new LevelCheckingLog(LoggerFactory.getLogger(key)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Log getInstance(Class clazz) {
        return getInstance(clazz.getName());
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String[] getAttributeNames() {
        return attributes.keySet().toArray(String[]::new);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void release() {
        logs.clear();
    }

    /** One logger: checks the level first, then formats and hands the message to SLF4J with this class as the caller boundary. */
    static final class LevelCheckingLog implements Log {

        private static final String FQCN = LevelCheckingLog.class.getName();

        private final Logger logger;
        private final LocationAwareLogger locationAware;

        LevelCheckingLog(Logger logger) {
            this.logger = logger;
            this.locationAware = logger instanceof LocationAwareLogger aware ? aware : null;
        }

        @Override
        public boolean isTraceEnabled() {
            return logger.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return logger.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public boolean isFatalEnabled() {
            return logger.isErrorEnabled();
        }

        @Override
        public void trace(Object message) {
            trace(message, null);
        }

        @Override
        public void trace(Object message, Throwable t) {
            if (logger.isTraceEnabled()) {
                log(LocationAwareLogger.TRACE_INT, message, t);
            }
        }

        @Override
        public void debug(Object message) {
            debug(message, null);
        }

        @Override
        public void debug(Object message, Throwable t) {
            if (logger.isDebugEnabled()) {
                log(LocationAwareLogger.DEBUG_INT, message, t);
            }
        }

        @Override
        public void info(Object message) {
            info(message, null);
        }

        @Override
        public void info(Object message, Throwable t) {
            if (logger.isInfoEnabled()) {
                log(LocationAwareLogger.INFO_INT, message, t);
            }
        }

        @Override
        public void warn(Object message) {
            warn(message, null);
        }

        @Override
        public void warn(Object message, Throwable t) {
            if (logger.isWarnEnabled()) {
                log(LocationAwareLogger.WARN_INT, message, t);
            }
        }

        @Override
        public void error(Object message) {
            error(message, null);
        }

        @Override
        public void error(Object message, Throwable t) {
            if (logger.isErrorEnabled()) {
                log(LocationAwareLogger.ERROR_INT, message, t);
            }
        }

        @Override
        public void fatal(Object message) {
            error(message, null);
        }

        @Override
        public void fatal(Object message, Throwable t) {
            error(message, t);
        }

        private void log(int level, Object message, Throwable t) {
            String text = String.valueOf(message);
            if (locationAware != null) {
                locationAware.log(null, FQCN, level, text, null, t);
                return;
            }
            switch (level) {
                case LocationAwareLogger.TRACE_INT -> logger.trace(text, t);
                case LocationAwareLogger.DEBUG_INT -> logger.debug(text, t);
                case LocationAwareLogger.INFO_INT -> logger.info(text, t);
                case LocationAwareLogger.WARN_INT -> logger.warn(text, t);
                default -> logger.error(text, t);
            }
        }
    }
}
