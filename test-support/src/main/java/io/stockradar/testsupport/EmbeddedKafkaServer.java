package io.stockradar.testsupport;

import org.apache.kafka.common.network.ListenerName;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Kafka broker in KRaft mode, in this JVM (spring-kafka-test), no Docker.
 * <p>
 * Kafka's test kit binds random ports, so clients reach the broker through a {@link TcpProxy} on a
 * fixed port that the broker advertises. {@link #stop()} cuts the proxy: every client connection drops
 * and reconnects are refused, as in a broker outage, while the broker keeps its logs and committed
 * offsets, as a restarted broker would. {@link #start()} restores it on the same address.
 */
public final class EmbeddedKafkaServer implements Kafka, AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final TcpProxy proxy;

    private EmbeddedKafkaServer(EmbeddedKafkaKraftBroker broker, TcpProxy proxy) {
        this.broker = broker;
        this.proxy = proxy;
    }

    /** Starts a broker reachable on {@code port} (0 = a free port). */
    public static EmbeddedKafkaServer start(int port) {
        int advertisedPort = port > 0 ? port : FreePorts.find();
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("advertised.listeners", "EXTERNAL://localhost:" + advertisedPort);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("num.partitions", "3");
        broker.brokerProperty("offsets.topic.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        int boundPort = broker.getCluster().brokers().values().iterator().next()
                .boundPort(ListenerName.normalised("EXTERNAL"));
        TcpProxy proxy = new TcpProxy(advertisedPort, boundPort);
        proxy.connect();
        return new EmbeddedKafkaServer(broker, proxy);
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + proxy.port();
    }

    @Override
    public void start() {
        proxy.connect();
    }

    @Override
    public void stop() {
        proxy.disconnect();
    }

    @Override
    public boolean isRunning() {
        return proxy.isConnected();
    }

    @Override
    public void close() {
        proxy.close();
        broker.destroy();
    }
}
