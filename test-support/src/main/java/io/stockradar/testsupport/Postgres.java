package io.stockradar.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A running PostgreSQL 17 server; one per JVM, shared by every test class that asks for it. */
public interface Postgres {

    String host();

    int port();

    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. Safe to call from many test classes. */
    default void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        synchronized (Postgres.class) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                 Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (rs.next()) {
                        return;
                    }
                }
                statement.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create database " + database, e);
            }
        }
    }

    /**
     * An outage of {@code database} as its clients see it: its sessions are ended and new ones refused (superusers
     * included) until {@link #acceptConnections}. The server and every other database keep running.
     */
    default void refuseConnections(String database) {
        administer(database, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    /** Ends the outage {@link #refuseConnections} began. */
    default void acceptConnections(String database) {
        administer(database, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    private void administer(String database, String... statements) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change database " + database, e);
        }
    }

    /** Creates {@code database} if needed and points {@code spring.datasource.*} at it. */
    default void register(DynamicPropertyRegistry registry, String database) {
        createDatabase(database);
        registry.add("spring.datasource.url", () -> jdbcUrl(database));
        registry.add("spring.datasource.username", this::username);
        registry.add("spring.datasource.password", this::password);
    }
}
