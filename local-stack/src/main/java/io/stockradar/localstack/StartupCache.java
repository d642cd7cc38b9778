package io.stockradar.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Starts a service from its extracted jar with the JDK's AOT cache (JDK 25+, JEP 483/514/515) or, on JDK 21-24, a
 * CDS archive, made once per jar by a training run, the way Spring Boot documents it: {@code java -Djarmode=tools
 * -jar app.jar extract}, then {@code java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar}
 * (the context refreshes, every singleton is created, and the JVM exits and writes the cache), then every start
 * runs {@code java -XX:AOTCache=app.aot -jar app.jar}. The cache only applies to the extracted form: the classes
 * inside a nested uber jar are loaded by Spring Boot's own class loader, which the JVM cannot archive.
 *
 * <p>Everything lives in {@code <work dir>/aot/<service>/}. A stamp records the jar's content (name, CRC and size of
 * every entry: a rebuild of unchanged code keeps its cache), the JVM and its options; when any of them changes, the
 * directory is extracted and trained again. The training runs
 * with the service's real environment and arguments (the infrastructure is up), so it creates the same beans as a
 * real start. A training run that fails costs only its time: the service then starts from the extracted jar
 * without a cache, and the next start trains again.
 */
final class StartupCache {

    private static final Logger log = LoggerFactory.getLogger(StartupCache.class);
    private static final int FEATURE = Runtime.version().feature();

    /** What to run: JVM options to add before the others, and the jar to run. */
    record Launch(List<String> cacheOptions, Path jar) {
    }

    private final Path root;
    private final Map<String, Launch> prepared = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    StartupCache(Path workDir) {
        this.root = workDir.resolve("aot");
    }

    /** The option that trains a cache into {@code file}: the AOT cache on JDK 25+, a dynamic CDS archive before. */
    static String trainingOption(Path file) {
        return (FEATURE >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + file;
    }

    /** The option that starts with the cache in {@code file}. */
    static String useOption(Path file) {
        return (FEATURE >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file;
    }

    static String fileName(String service) {
        return service + (FEATURE >= 25 ? ".aot" : ".jsa");
    }

    /**
     * The extracted jar and its cache for {@code service}, extracting and training first if the jar, the JVM or its
     * options changed since the last training. Two instances of one service share the cache: the second waits for
     * the first one's training.
     */
    Launch prepare(String service, Path jar, List<String> jvmArgs, Map<String, String> env, List<String> appArgs,
                   Path logDir, Instant deadline) {
        // one lock per service, not computeIfAbsent: that would also hold up other services sharing a map bin
        synchronized (locks.computeIfAbsent(service, s -> new Object())) {
            Launch launch = prepared.get(service);
            if (launch == null) {
                launch = train(service, jar, jvmArgs, env, appArgs, logDir, deadline);
                prepared.put(service, launch);
            }
            return launch;
        }
    }

    private Launch train(String service, Path jar, List<String> jvmArgs, Map<String, String> env,
                         List<String> appArgs, Path logDir, Instant deadline) {
        Path dir = root.resolve(service);
        Path extracted = dir.resolve("app");
        Path app = extracted.resolve(jar.getFileName());
        Path cache = dir.resolve(fileName(service));
        Path stampFile = dir.resolve("stamp");
        String stamp = stamp(jar, jvmArgs);
        try {
            if (Files.isRegularFile(cache) && Files.isRegularFile(app) && Files.isRegularFile(stampFile)
                    && Files.readString(stampFile).equals(stamp)) {
                return new Launch(List.of(useOption(cache)), app);
            }
            deleteRecursively(dir);
            Files.createDirectories(dir);
            long begin = System.nanoTime();
            run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()),
                    Map.of(), logDir.resolve(service + "-extract.log"), deadline);
            log.info("  {}: no start-up cache for this jar and JVM yet, training one (once per build) ...", service);
            List<String> command = new ArrayList<>();
            command.add(java());
            command.add(trainingOption(cache));
            command.add("-Dspring.context.exit=onRefresh");
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(app.toString());
            command.addAll(appArgs);
            int exit = run(command, env, logDir.resolve(service + "-training.log"), deadline);
            if (exit != 0 || !Files.isRegularFile(cache)) {
                log.warn("  {}: the training run ended with {} and left no cache (see {}); starting without one", service,
                        exit, logDir.resolve(service + "-training.log"));
                return new Launch(List.of(), app);
            }
            Files.writeString(stampFile, stamp);
            log.info("  {}: start-up cache trained in {} s ({} MB)", service, (System.nanoTime() - begin) / 1_000_000_000,
                    Files.size(cache) >> 20);
            return new Launch(List.of(useOption(cache)), app);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the start-up cache of " + service + " in " + dir, e);
        }
    }

    /**
     * Spring Boot's build-info, with the time of the build: it changes on every {@code package} and holds no class,
     * so it does not count. A rebuild of unchanged code keeps the extracted jar, and with it the build-info (and
     * {@code /actuator/info}'s build time) of the build that was trained.
     */
    static final String BUILD_INFO = "META-INF/build-info.properties";

    /** What the cache depends on: the jar's content, not its file time (every build rewrites the jar). */
    static String stamp(Path jar, List<String> jvmArgs) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            zip.stream().filter(entry -> !entry.getName().equals(BUILD_INFO))
                    .forEach(entry -> digest.update((entry.getName() + " " + entry.getCrc() + " " + entry.getSize()
                            + "\n").getBytes(StandardCharsets.UTF_8)));
            return "jar=" + jar.toAbsolutePath() + " content=" + HexFormat.of().formatHex(digest.digest())
                    + "\njava=" + System.getProperty("java.home") + " " + System.getProperty("java.vm.version")
                    + "\noptions=" + String.join(" ", jvmArgs) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + jar, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(List<String> command, Map<String, String> env, Path logFile, Instant deadline) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        }
        // a launcher stopped during a training run (Ctrl-C) takes the training JVM with it
        Thread stop = new Thread(process::destroy, "stop-training");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("Timed out: " + String.join(" ", command) + " (log: " + logFile + ")");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
