package io.stockradar.webui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no bundler checks for plain ES modules, on the files exactly as the jar packages them: every reference
 * resolves, nothing would break under the gateway's Content-Security-Policy (no inline script or style, no
 * eval, no markup from strings), every message key the code uses exists in both languages, and the vendored
 * chart library is byte for byte the published npm file.
 */
class StaticAssetsTest {

    /** SHA-256 of dist/lightweight-charts.standalone.production.js in lightweight-charts-5.2.1.tgz (npm). */
    private static final String LIGHTWEIGHT_CHARTS_SHA256 = "e21cc5caa0226ef30bd8549c50b9ef926615f2a4ee6b4e486353477a55f598cf";
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^;]*?from\\s+'([^']+)'");
    private static final Pattern MESSAGE_KEY = Pattern.compile("(?m)^\\s*'([A-Za-z0-9._]+)': m\\(");
    private static final Pattern LITERAL_T = Pattern.compile("\\bt\\('([A-Za-z0-9._]+)'");
    private static final Pattern LABEL_KEY = Pattern.compile("(?:title|label): '([a-z]+\\.[A-Za-z0-9._]+)'");

    private static Path root;
    private static List<Path> scripts;

    @BeforeAll
    static void locate() throws URISyntaxException, IOException {
        root = Path.of(StaticAssetsTest.class.getResource("/META-INF/resources/index.html").toURI()).getParent();
        try (Stream<Path> files = Files.walk(root.resolve("app"))) {
            scripts = files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    @Test
    void indexPageReferencesOnlyOwnFilesAndHasNoInlineScriptOrStyle() throws IOException {
        String index = Files.readString(root.resolve("index.html"));
        assertThat(index).doesNotContain("<style", " style=", "javascript:", "onclick=", "onload=");
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(index);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("every script is a file, never inline").contains("src=\"/");
        }
        assertThat(count).isEqualTo(2);
        Matcher references = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(index);
        List<String> paths = new ArrayList<>();
        while (references.find()) {
            paths.add(references.group(1));
        }
        assertThat(paths).contains("/app/main.js", "/app/app.css",
                "/vendor/lightweight-charts/lightweight-charts.standalone.production.js");
        assertThat(paths).allSatisfy(path -> assertThat(root.resolve(path.substring(1))).as(path).isRegularFile());
        assertThat(index).doesNotContainPattern("(?:src|href)=\"(?:https?:)?//(?!www\\.tradingview\\.com/)");
        assertThat(root.resolve("favicon.ico")).isRegularFile();
    }

    @Test
    void everyModuleImportResolves() throws IOException {
        for (Path script : scripts) {
            Matcher imports = IMPORT.matcher(Files.readString(script));
            while (imports.find()) {
                String target = imports.group(1);
                assertThat(target).as("%s imports %s", script.getFileName(), target).startsWith(".").endsWith(".js");
                assertThat(script.getParent().resolve(target).normalize()).as("%s imports %s", script, target).isRegularFile();
            }
        }
        assertThat(scripts).extracting(p -> p.getFileName().toString())
                .contains("main.js", "api.js", "sse.js", "market.js", "screener.js", "symbol.js", "history.js", "auth.js");
    }

    @Test
    void scriptsNeverBuildMarkupFromStringsNorUseInlineStylesOrEval() throws IOException {
        for (Path script : scripts) {
            String code = Files.readString(script);
            assertThat(code).as(script.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                            "new Function", "setAttribute('style'", ".style.", "cssText", "createElement('style')");
        }
    }

    @Test
    void everyMessageTheCodeUsesExistsInKoreanAndEnglish() throws IOException {
        String messages = Files.readString(root.resolve("app/messages.js"));
        Set<String> defined = new TreeSet<>();
        Matcher definitions = MESSAGE_KEY.matcher(messages);
        while (definitions.find()) {
            defined.add(definitions.group(1));
        }
        // every entry is m('한국어', 'English'): two non-empty strings
        assertThat(messages).doesNotContain("m('',", ", '')");

        Set<String> used = new TreeSet<>();
        for (Path script : scripts) {
            String code = Files.readString(script);
            for (Pattern pattern : List.of(LITERAL_T, LABEL_KEY)) {
                Matcher uses = pattern.matcher(code);
                while (uses.find()) {
                    used.add(uses.group(1));
                }
            }
        }
        Matcher shellKeys = Pattern.compile("data-i18n(?:-aria-label)?=\"([A-Za-z0-9._]+)\"")
                .matcher(Files.readString(root.resolve("index.html")));
        while (shellKeys.find()) {
            used.add(shellKeys.group(1));
        }
        // keys built from API enums: every value the API documents must have a label
        for (String value : List.of("BULL", "NEUTRAL", "BEAR")) used.add("regime." + value);
        for (String value : List.of("LOW", "NORMAL", "HIGH")) used.add("volatility." + value);
        for (String value : List.of("STRONG_BUY", "BUY", "HOLD", "AVOID")) used.add("action." + value);
        for (String value : List.of("QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED")) used.add("status." + value);
        for (String value : List.of("KOSPI200", "KOSDAQ150", "SP500")) used.add("universe." + value);
        for (String agent : List.of("regime", "sector", "technical", "fundamental", "risk")) {
            used.add("agent." + agent);
            used.add("agent.about." + agent);
        }
        for (String key : List.of("composite", "technical", "fundamental", "sector", "risk")) used.add("sort." + key);
        for (String key : List.of("3mo", "6mo", "1y", "all")) used.add("symbol.window." + key);
        for (String key : List.of("5d", "20d", "60d")) used.add("scorecard.h" + key);

        assertThat(used).hasSizeGreaterThan(150);
        assertThat(defined).containsAll(used);
    }

    @Test
    void vendoredChartLibraryIsThePublishedBuildWithItsLicenseAndNotice() throws IOException, NoSuchAlgorithmException {
        Path vendor = root.resolve("vendor/lightweight-charts");
        byte[] library = Files.readAllBytes(vendor.resolve("lightweight-charts.standalone.production.js"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
        assertThat(sha256).isEqualTo(LIGHTWEIGHT_CHARTS_SHA256);
        assertThat(Files.readString(vendor.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(vendor.resolve("NOTICE"), StandardCharsets.UTF_8)).contains("TradingView");
    }

    @Test
    void theJarServesTheFilesFromMetaInfResources() {
        // Spring Boot serves classpath:/META-INF/resources/ at /: the files must be there, not under static/
        for (String path : List.of("index.html", "app/main.js", "app/app.css", "vendor/lightweight-charts/NOTICE")) {
            try (InputStream in = StaticAssetsTest.class.getResourceAsStream("/META-INF/resources/" + path)) {
                assertThat(in).as(path).isNotNull();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
