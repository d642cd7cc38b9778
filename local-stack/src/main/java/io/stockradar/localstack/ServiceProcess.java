package io.stockradar.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service instance running as its own JVM process, its output in a log file. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;
    private final Instant started = Instant.now();

    private ServiceProcess(String name, int port, int managementPort, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
    }

    /** @param managementPort where its actuator answers: {@code port} unless it has a port of its own (the gateway) */
    static ServiceProcess start(String name, int port, int managementPort, Path jar, List<String> jvmArgs, Map<String, String> env,
                                List<String> appArgs, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(appArgs);
        Path log = logDir.resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            // a launcher that is killed (Ctrl-C, SIGTERM, a benchmark stopped by hand) takes its services with it
            // instead of leaving them running and loading the machine
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process.isAlive()) {
                    process.destroy();
                }
            }, "stop-" + name + "-" + port));
            return new ServiceProcess(name, port, managementPort, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " on port " + port, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Where its actuator answers (health, probes, /actuator/prometheus): {@link #url()}, except for the gateway. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health/readiness} answers 200, at most {@code timeout} after the process started. */
    void awaitReady(Duration timeout) {
        awaitReady(started.plus(timeout));
    }

    /** Waits until {@code /actuator/health/readiness} answers 200 (at {@link #managementUrl()}), or fails with the end of the log. */
    void awaitReady(Instant deadline) {
        URI readiness = URI.create(managementUrl() + "/actuator/health/readiness");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " on port " + port + " exited with " + process.exitValue()
                        + "; last log lines:\n" + tail(60));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " on port " + port + " was not ready in time; last log lines:\n" + tail(60));
    }

    /** Asks the process to shut down gracefully (SIGTERM); see {@link #awaitExit}. */
    void requestStop() {
        process.destroy();
    }

    void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
