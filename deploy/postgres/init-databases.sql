-- Runs once, when the PostgreSQL data directory is first initialised (docker-entrypoint-initdb.d,
-- as POSTGRES_USER, who then owns the databases). One database per service that owns data;
-- each service creates its own schema with Flyway.
CREATE DATABASE auth;
CREATE DATABASE agent;
CREATE DATABASE history;
