package io.stockradar.e2e;

import io.stockradar.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The web UI in a real browser (headless Chromium driven by Selenium) against the whole stack, served by the
 * gateway from its own origin under its Content-Security-Policy: sign up (with a field error first), log out,
 * log in, read the KR market regime, run a KOSPI 200 screen to completion, open a result's symbol page with
 * its chart and the five agents (in Korean, then in English), and find the run in history. Every step asserts
 * on what the user sees; the browser console must show no CSP violation and no uncaught script error.
 *
 * <p>Needs the Debian {@code chromium} and {@code chromium-driver} packages. The driver is given explicitly,
 * so Selenium Manager never downloads anything; without them this test fails (it never skips).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIntegrationTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration SCREEN = Duration.ofMinutes(3);
    private static final List<String> KOREAN_REGIMES = List.of("강세장", "중립", "약세장");

    private static LocalStack stack;
    private static WebDriver browser;
    private static String baseUrl;
    private static final String username = "webui_" + UUID.randomUUID().toString().substring(0, 8);
    private static String runId;
    private static String firstSymbol;
    private static final List<String> consoleProblems = new ArrayList<>();

    /**
     * On failure: a screenshot and the DOM in target/web-ui-failures/, to see what the user saw. With
     * {@code -Dwebui.screenshots=<dir>} every passing step leaves its screenshot there too (for reviewing the UI).
     */
    @RegisterExtension
    static final TestWatcher SCREENSHOTS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                save(Path.of("target/web-ui-failures"), context.getRequiredTestMethod().getName(), true);
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }

        @Override
        public void testSuccessful(ExtensionContext context) {
            String dir = System.getProperty("webui.screenshots");
            if (dir != null && !dir.isBlank()) {
                try {
                    save(Path.of(dir), context.getRequiredTestMethod().getName(), false);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        private void save(Path dir, String name, boolean withDom) throws IOException {
            if (browser == null) {
                return;
            }
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            if (withDom) {
                Files.writeString(dir.resolve(name + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
            }
        }
    };

    @BeforeAll
    static void startBrowserAndStack() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Headless Chromium is needed for the web UI test but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing. Install them with: " + INSTALL);
        }
        stack = SharedStack.get();
        baseUrl = stack.gatewayUrl();

        // never let Selenium Manager look for (or download) a driver or a browser
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,1000", "--lang=ko-KR", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ko-KR,ko"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void gatewayServesTheUiUnderAStrictContentSecurityPolicy() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : List.of("/", "/index.html", "/app/main.js", "/app/app.css",
                "/vendor/lightweight-charts/lightweight-charts.standalone.production.js")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as("CSP of %s", path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                            "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval"));
            if (path.endsWith(".js")) {
                assertThat(response.headers().firstValue("Content-Type")).as("type of %s", path)
                        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
            }
        }
    }

    @Test
    @Order(2)
    void signsUpWithFieldErrorsShownThenLogsOutAndBackIn() {
        browser.get(baseUrl + "/");
        waitVisible(By.id("login-username"));
        assertThat(text(By.id("login-title"))).isEqualTo("로그인");

        browser.findElement(By.cssSelector("a[href='#/signup']")).click();
        waitVisible(By.id("signup-username")).sendKeys(username);
        browser.findElement(By.id("signup-email")).sendKeys(username + "@example.com");
        browser.findElement(By.id("signup-password")).sendKeys("short");
        browser.findElement(By.id("signup-submit")).click();
        // auth-service's problem+json names the field: the message sits next to the password input
        WebElement passwordError = waitVisible(By.id("signup-password-error"));
        assertThat(passwordError.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("signup-password")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("signup-password")).getAttribute("aria-describedby"))
                .contains("signup-password-error");
        assertThat(browser.findElements(By.id("signup-username-error"))).isEmpty();

        WebElement password = browser.findElement(By.id("signup-password"));
        password.clear();
        password.sendKeys(PASSWORD);
        browser.findElement(By.id("signup-submit")).click();
        wait(PAGE).until(ExpectedConditions.textToBe(By.id("current-user"), username));
        assertThat(browser.getCurrentUrl()).endsWith("#/market");

        browser.findElement(By.id("logout")).click();
        waitVisible(By.id("login-username")).sendKeys(username);
        browser.findElement(By.id("login-password")).sendKeys("not the password at all");
        browser.findElement(By.id("login-submit")).click();
        wait(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".form-alert"),
                "아이디 또는 비밀번호가 올바르지 않습니다"));

        WebElement loginPassword = browser.findElement(By.id("login-password"));
        loginPassword.clear();
        loginPassword.sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait(PAGE).until(ExpectedConditions.textToBe(By.id("current-user"), username));
    }

    @Test
    @Order(3)
    void showsTheKoreanMarketRegimeWithItsDemoProvenance() {
        go("#/market");
        WebElement regime = waitVisible(By.cssSelector("#regime-KR .regime"));
        wait(PAGE).until(driver -> KOREAN_REGIMES.contains(regime.getText()));
        assertThat(text(By.cssSelector("#regime-KR .volatility"))).isIn("낮음", "보통", "높음");
        assertThat(text(By.cssSelector("#regime-KR .risk-appetite"))).matches("\\d{1,3} / 100");
        assertThat(browser.findElements(By.cssSelector("#regime-KR .evidence li"))).isNotEmpty()
                .allSatisfy(item -> assertThat(item.getText()).isNotBlank());
        assertThat(text(By.cssSelector("#regime-KR .badge-demo"))).isEqualTo("데모 데이터");
        assertThat(text(By.cssSelector("#regime-KR .asof"))).contains("2025-06-16");

        // the sector table of the same market
        wait(PAGE).until(driver -> driver.findElements(By.cssSelector(".sector-table tbody tr")).size() > 3);
        assertThat(text(By.cssSelector(".sector-table tbody tr:first-child td:first-child"))).isEqualTo("1");
    }

    @Test
    @Order(4)
    void runsAKospi200ScreenToCompletionAndExplainsAResult() {
        go("#/screener");
        WebElement kospi = waitVisible(By.cssSelector("input[name=universe][value=KOSPI200]"));
        assertThat(kospi.isSelected()).as("KOSPI 200 is the default universe").isTrue();
        WebElement limit = browser.findElement(By.name("limit"));
        limit.clear();
        limit.sendKeys("10");
        browser.findElement(By.id("run-submit")).click();

        wait(PAGE).until(ExpectedConditions.urlContains("#/screener/run/"));
        runId = browser.getCurrentUrl().replaceAll(".*#/screener/run/", "");
        assertThat(UUID.fromString(runId)).isNotNull();
        wait(SCREEN).until(ExpectedConditions.attributeToBe(By.id("run-status"), "data-status", "COMPLETED"));
        assertThat(text(By.id("run-status"))).startsWith("완료");
        String accepted = browser.findElement(By.id("run-status")).getText();
        WebElement channel = browser.findElement(By.id("run-channel"));
        if (channel.getAttribute("data-stream-events") == null) {
            // the 202 may already say COMPLETED (answered from the nightly precompute): nothing to stream then
            assertThat(channel.getAttribute("data-polling")).as("no stream, no polling: " + accepted).isNull();
        } else {
            assertThat(Integer.parseInt(channel.getAttribute("data-stream-events")))
                    .as("progress arrived as server-sent events read through fetch").isPositive();
            assertThat(channel.getAttribute("data-polling")).as("the stream worked: no fallback to polling").isNull();
        }
        assertThat(browser.findElement(By.id("run-progress")).getAttribute("value"))
                .isEqualTo(browser.findElement(By.id("run-progress")).getAttribute("max"));

        List<WebElement> rows = wait(PAGE).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#run-results tr.result-row"));
            return found.size() == 10 ? found : null;
        });
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            WebElement row = rows.get(i);
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(i + 1));
            assertThat(row.findElement(By.cssSelector(".stock-symbol")).getText()).matches("[0-9A-Z]{6}\\.K[SQ]");
            assertThat(row.findElement(By.cssSelector(".grade")).getText()).isIn("A", "B", "C", "D", "F");
            double composite = Double.parseDouble(row.findElement(By.cssSelector(".score-number")).getText());
            assertThat(composite).isBetween(0.0, 100.0).isLessThanOrEqualTo(previous);
            previous = composite;
            List<WebElement> agents = row.findElements(By.cssSelector("td[data-agent]"));
            assertThat(agents).hasSize(5);
            // each agent shows its 0-100 sub-score or, visibly, that it abstained
            assertThat(agents).allSatisfy(agent -> assertThat(agent.getText()).matches("\\d{1,3}\\.\\d|기권"));
        }
        assertThat(text(By.cssSelector("#run-results .badge-demo"))).isEqualTo("데모 데이터");
        assertThat(text(By.cssSelector("#run-results .asof"))).contains("2025-06-16");

        WebElement first = rows.getFirst();
        firstSymbol = first.getAttribute("data-symbol");
        first.findElement(By.cssSelector(".why-button")).click();
        WebElement explanation = wait(PAGE).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#run-results .explanation")));
        assertThat(explanation.getText()).as("the explanation sentence, in Korean").isNotBlank()
                .containsPattern("[가-힣]");
        assertThat(browser.findElement(By.id("run-cancel")).isDisplayed()).as("nothing left to cancel").isFalse();
    }

    @Test
    @Order(5)
    void opensTheSymbolPageWithItsChartAndTheFiveAgentsInBothLanguages() {
        assertThat(firstSymbol).as("the screen produced a first result").isNotNull();
        browser.findElement(By.cssSelector("#run-results tr.result-row[data-symbol='" + firstSymbol + "'] .stock-link")).click();
        wait(PAGE).until(ExpectedConditions.urlContains("#/symbol/" + firstSymbol));

        WebElement canvas = wait(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#price-chart canvas")));
        Long width = (Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].width;", canvas);
        assertThat(width).as("the chart drew on a real canvas").isGreaterThan(100L);
        assertThat(browser.findElement(By.id("price-chart")).getAttribute("aria-label"))
                .contains(firstSymbol).contains("2025-06-16");
        // the legend shows the bar under the pointer (the last one when there is none): a real KRW bar either way
        assertThat(text(By.id("chart-legend")))
                .matches("\\d{4}-\\d{2}-\\d{2} 시가 ₩[\\d,]+ 고가 ₩[\\d,]+ 저가 ₩[\\d,]+ 종가 ₩[\\d,]+ 거래량 .+");
        assertThat(browser.findElement(By.cssSelector(".chart-card .badge-demo")).getText()).isEqualTo("데모 데이터");
        assertThat(text(By.id("symbol-title"))).contains(firstSymbol);

        Map<String, String> korean = Map.of("regime", "시장 국면", "sector", "섹터", "technical", "기술적",
                "fundamental", "펀더멘털", "risk", "리스크");
        waitVisible(By.id("synthesis"));
        korean.forEach((agent, title) -> {
            assertThat(text(By.cssSelector("#agent-" + agent + " h3"))).isEqualTo(title);
            assertThat(text(By.cssSelector("#agent-" + agent + " .agent-summary"))).matches("(?s)(\\d{1,3}\\.\\d|기권).*");
        });
        assertThat(browser.findElements(By.cssSelector("#agent-technical .signals li"))).isNotEmpty();
        String rationaleKo = text(By.id("rationale"));
        assertThat(rationaleKo).containsPattern("[가-힣]");
        assertThat(text(By.cssSelector("#synthesis .grade"))).isIn("A", "B", "C", "D", "F");

        browser.findElement(By.id("lang-toggle")).click();
        wait(PAGE).until(ExpectedConditions.textToBe(By.cssSelector("#agent-technical h3"), "Technical"));
        assertThat(text(By.cssSelector("#agent-risk h3"))).isEqualTo("Risk");
        String rationaleEn = text(By.id("rationale"));
        assertThat(rationaleEn).isNotBlank().isNotEqualTo(rationaleKo).doesNotContainPattern("[가-힣]{3}");
        wait(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#price-chart canvas")));
        assertThat(text(By.id("chart-legend"))).contains("Vol");
        browser.findElement(By.id("lang-toggle")).click();
        wait(PAGE).until(ExpectedConditions.textToBe(By.cssSelector("#agent-technical h3"), "기술적"));
    }

    @Test
    @Order(6)
    void findsTheRunInHistoryWithTheSameResults() {
        assertThat(runId).as("the screen completed").isNotNull();
        // History is written from the analysis-completed event: it may take a moment. Each poll reloads the page,
        // which drops the in-memory access token: the UI must resume the session from its refresh token.
        go("#/history");
        wait(Duration.ofSeconds(90)).pollingEvery(Duration.ofSeconds(2)).until(driver -> {
            driver.navigate().refresh();
            try {
                wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".history-table, #history-list .empty")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                return false;
            }
            return !driver.findElements(By.cssSelector("tr[data-run-id='" + runId + "']")).isEmpty();
        });
        assertThat(text(By.id("current-user"))).as("still signed in after reloads").isEqualTo(username);
        WebElement row = browser.findElement(By.cssSelector("tr[data-run-id='" + runId + "']"));
        assertThat(row.getText()).contains("코스피 200").contains("10");
        assertThat(row.findElements(By.cssSelector(".top-list li"))).hasSize(5);

        row.findElement(By.cssSelector("a.open-run")).click();
        wait(PAGE).until(ExpectedConditions.urlContains("#/history/run/" + runId));
        List<WebElement> results = wait(PAGE).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("tr.result-row"));
            return found.size() == 10 ? found : null;
        });
        assertThat(results.getFirst().getAttribute("data-symbol")).isEqualTo(firstSymbol);
        assertThat(text(By.cssSelector(".badge-demo"))).isEqualTo("데모 데이터");

        go("#/scorecard");
        WebElement byGrade = waitVisible(By.cssSelector("#scorecard-grade caption"));
        assertThat(byGrade.getText()).isEqualTo("등급별 성과");
        assertThat(text(By.cssSelector("#scorecard .hint"))).contains("n/a");
        // demo data has no prices after its "today": nothing is measured, and the page says so instead of showing 0 %
        assertThat(text(By.id("scorecard-none"))).contains("아직 측정된 추천이 없습니다");
        assertThat(browser.findElements(By.cssSelector("#scorecard-grade tbody td .na"))).isNotEmpty()
                .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("n/a"));
    }

    @Test
    @Order(7)
    void findsAStockByItsKoreanNameInTheHeaderSearch() {
        go("#/market");
        WebElement search = waitVisible(By.id("symbol-search"));
        search.sendKeys("삼성전자");
        WebElement hit = wait(PAGE).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#symbol-search-results a[href='#/symbol/005930.KS']")));
        assertThat(hit.getText()).contains("삼성전자").contains("005930.KS");
        hit.click();
        wait(PAGE).until(ExpectedConditions.urlContains("#/symbol/005930.KS"));
        // the heading starts as the symbol and gains the name once the bars or the analysis arrive
        wait(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("symbol-title"), "삼성전자"));
        assertThat(text(By.id("symbol-title"))).contains("삼성전자").contains("(005930.KS)");
        wait(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#price-chart canvas")));
    }

    @Test
    @Order(8)
    void theConsoleShowsNoPolicyViolationOrScriptError() {
        collectConsole();
        assertThat(consoleProblems).as("browser console").isEmpty();
    }

    private static void collectConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean policy = message.contains("Content Security Policy") || message.contains("Content-Security-Policy");
            boolean scriptError = entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && (message.contains("Uncaught") || message.contains("TypeError") || message.contains("SyntaxError")
                    || message.contains("ReferenceError"));
            if (policy || scriptError) {
                consoleProblems.add(entry.getLevel() + " " + message);
            }
        }
    }

    private static void go(String hash) {
        collectConsole();
        String target = baseUrl + "/" + hash;
        if (browser.getCurrentUrl().startsWith(baseUrl)) {
            // same document: change the hash so the in-memory access token survives
            ((JavascriptExecutor) browser).executeScript("window.location.hash = arguments[0];", hash);
        } else {
            browser.get(target);
        }
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static WebElement waitVisible(By by) {
        return wait(PAGE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static String text(By by) {
        return wait(PAGE).until(driver -> {
            String value = driver.findElement(by).getText();
            return value == null || value.isBlank() ? null : value.trim();
        });
    }
}
