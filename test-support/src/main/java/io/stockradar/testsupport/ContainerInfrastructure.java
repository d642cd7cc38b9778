package io.stockradar.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.List;

/** The same servers from Testcontainers, used when a Docker engine is reachable. */
final class ContainerInfrastructure {

    static final String POSTGRES_IMAGE = "postgres:17-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private ContainerInfrastructure() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Postgres postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres")
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        container.start();
        return new Postgres() {
            public String host() {
                return container.getHost();
            }

            public int port() {
                return container.getMappedPort(5432);
            }

            public String username() {
                return container.getUsername();
            }

            public String password() {
                return container.getPassword();
            }
        };
    }

    static Redis redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);
        container.start();
        int port = container.getMappedPort(6379);
        container.setPortBindings(List.of(port + ":6379"));
        return new Redis() {
            public String host() {
                return container.getHost();
            }

            public int port() {
                return port;
            }

            public void stop() {
                container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
            }

            public void start() {
                container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
            }

            public boolean isRunning() {
                return container.isRunning();
            }
        };
    }

    static Kafka kafka() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        container.start();
        return new Kafka() {
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            public void stop() {
                container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            }

            public void start() {
                container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            }

            public boolean isRunning() {
                return container.isRunning();
            }
        };
    }
}
