package io.stockradar.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class StartupCacheTest {

    @TempDir
    Path dir;

    @Test
    void aRebuildOfTheSameCodeKeepsTheCache() throws IOException {
        Path first = jar("first.jar", 1_000_000_000_000L, "class bytes");
        Path second = jar("second.jar", 1_700_000_000_000L, "class bytes");
        Files.setLastModifiedTime(second, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        assertThat(contentLine(StartupCache.stamp(first, List.of("-Xmx512m"))))
                .isEqualTo(contentLine(StartupCache.stamp(second, List.of("-Xmx512m"))));
    }

    @Test
    void theBuildTimeInBuildInfoDoesNotCount() throws IOException {
        Path first = jar("first.jar", 1_000_000_000_000L, "class bytes", "build.time=2026-12-07T19:46:00Z");
        Path second = jar("second.jar", 1_000_000_000_000L, "class bytes", "build.time=2026-12-07T21:11:00Z");

        assertThat(contentLine(StartupCache.stamp(first, List.of()))).isEqualTo(contentLine(StartupCache.stamp(second, List.of())));
    }

    @Test
    void changedCodeOrJvmOptionsTrainAgain() throws IOException {
        Path jar = jar("app.jar", 1_000_000_000_000L, "class bytes");
        Path changed = jar("changed.jar", 1_000_000_000_000L, "other class bytes");

        assertThat(contentLine(StartupCache.stamp(jar, List.of())))
                .isNotEqualTo(contentLine(StartupCache.stamp(changed, List.of())));
        assertThat(StartupCache.stamp(jar, List.of("-Xmx512m"))).isNotEqualTo(StartupCache.stamp(jar, List.of("-Xmx1g")));
    }

    @Test
    void theCacheOptionsFollowTheJdk() {
        Path file = dir.resolve("svc" + (Runtime.version().feature() >= 25 ? ".aot" : ".jsa"));
        assertThat(StartupCache.fileName("svc")).isEqualTo(file.getFileName().toString());
        if (Runtime.version().feature() >= 25) {
            assertThat(StartupCache.trainingOption(file)).isEqualTo("-XX:AOTCacheOutput=" + file);
            assertThat(StartupCache.useOption(file)).isEqualTo("-XX:AOTCache=" + file);
        } else {
            assertThat(StartupCache.trainingOption(file)).isEqualTo("-XX:ArchiveClassesAtExit=" + file);
            assertThat(StartupCache.useOption(file)).isEqualTo("-XX:SharedArchiveFile=" + file);
        }
    }

    /** The stamp's content digest, without the jar's path (the two jars have different names here). */
    private static String contentLine(String stamp) {
        return stamp.lines().map(line -> line.replaceFirst("^jar=\\S+ ", "")).toList().toString();
    }

    private Path jar(String name, long entryTime, String content) throws IOException {
        return jar(name, entryTime, content, "build.time=2026-12-07T19:46:00Z");
    }

    private Path jar(String name, long entryTime, String content, String buildInfo) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            add(zip, StartupCache.BUILD_INFO, entryTime, buildInfo);
            add(zip, "BOOT-INF/classes/App.class", entryTime, content);
        }
        return jar;
    }

    private static void add(ZipOutputStream zip, String name, long time, String content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time);
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
