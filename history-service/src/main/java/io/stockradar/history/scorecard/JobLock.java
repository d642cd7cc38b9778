package io.stockradar.history.scorecard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cluster-wide "only one instance at a time" for scheduled jobs: a PostgreSQL session advisory lock,
 * taken with {@code pg_try_advisory_lock} on a connection held for the duration of the job. Instances
 * that do not get it skip the run instead of waiting. If the holder dies, its connection closes and
 * PostgreSQL releases the lock, so there is no lease to expire and no stale lock table to clean up.
 */
@Component
class JobLock {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);

    private final DataSource dataSource;

    JobLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} if no other session holds lock {@code name}; empty when it was held. */
    <T> Optional<T> tryRun(String name, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT pg_try_advisory_lock(hashtextextended(?, 0))", name)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                if (!call(connection, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", name)) {
                    log.error("Lock {} was not held at the end of the job", name);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not take or release lock " + name, e);
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
