package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.Backoff;
import io.stockradar.marketdata.upstream.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenDART: corpCode.xml, company.json, list.json and fnlttSinglAcnt.json. DART answers HTTP 200 with the
 * outcome in {@code status}:
 * <ul>
 * <li>{@code 000} ok; {@code 013} no data → an empty result, not an error;</li>
 * <li>{@code 020} limit exceeded, {@code 800} maintenance, 5xx, I/O → backoff with jitter while the deadline
 * allows, then 503 with Retry-After;</li>
 * <li>{@code 010 011 012 901} key problems → the service is misconfigured: health says so and requests get
 * 503 (a missing {@code DART_API_KEY} likewise, without calling DART);</li>
 * <li>anything else ({@code 014 021 100 101 900}) → 502 {@code UPSTREAM_REJECTED} with DART's message.</li>
 * </ul>
 * Every request, each retry included, first takes a permit of the shared {@link DartRateLimiter} and is sent
 * as soon as it has one. The key never appears in logs or messages.
 */
class DartClient {

    static final String SOURCE = "dart";
    static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Logger log = LoggerFactory.getLogger(DartClient.class);
    private static final Set<String> KEY_PROBLEMS = Set.of("010", "011", "012", "901");
    private static final Duration MISCONFIGURED_RETRY_AFTER = Duration.ofMinutes(1);
    private static final Pattern XML_STATUS = Pattern.compile("<status>\\s*(\\d{3})\\s*</status>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<message>([^<]*)</message>");
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 5;

    private final DartApi api;
    private final JsonMapper json;
    private final DartProperties properties;
    private final DartRateLimiter limiter;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicReference<Misconfiguration> misconfiguration = new AtomicReference<>();

    DartClient(DartApi api, JsonMapper json, DartProperties properties, DartRateLimiter limiter, Clock clock) {
        this.api = api;
        this.json = json;
        this.properties = properties;
        this.limiter = limiter;
        DartProperties.Retry retry = properties.retry();
        this.backoff = new Backoff(retry.initial(), retry.max(), retry.multiplier(), retry.jitter(), retry.maxAttempts());
        this.clock = clock;
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            misconfiguration.set(new Misconfiguration("DART_API_KEY is not set", Instant.MAX));
            log.warn("OpenDART is enabled but DART_API_KEY is not set: disclosures answer 503 and health says "
                    + "'dart: misconfigured'");
        }
    }

    /** Why DART cannot be used with this configuration, or null. */
    String misconfiguration() {
        Misconfiguration m = misconfiguration.get();
        return m == null ? null : m.reason();
    }

    /** The listed companies of corpCode.xml (one ~1.6 MB ZIP download). */
    CorpCodes corpCodes() {
        return execute("corpCode.xml", key -> {
            ResponseEntity<byte[]> response = api.corpCodes(key);
            failIfTransient(response.getStatusCode().value());
            byte[] body = response.getBody();
            if (CorpCodes.isZip(body)) {
                return Outcome.ok(CorpCodes.parseZip(new ByteArrayInputStream(body)));
            }
            // On error DART sends an XML status body instead of the ZIP.
            String xml = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            Matcher status = XML_STATUS.matcher(xml);
            Matcher message = XML_MESSAGE.matcher(xml);
            return outcome(status.find() ? status.group(1) : "900", message.find() ? message.group(1) : xml,
                    () -> null);
        }, null);
    }

    Optional<DartCompany> company(String corpCode) {
        return Optional.ofNullable(executeJson("company.json", key -> api.company(key, corpCode), root ->
                new DartCompany(root.path("corp_code").asString(), root.path("corp_name").asString(),
                        root.path("stock_name").asString(null), root.path("stock_code").asString("").trim(),
                        root.path("corp_cls").asString(null), root.path("induty_code").asString(null),
                        root.path("acc_mt").asString(null))));
    }

    /** Filings of one company between two dates, newest first (up to 500); empty on 013. */
    List<DartFiling> filings(String corpCode, LocalDate from, LocalDate to) {
        List<DartFiling> filings = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            int pageNo = page;
            JsonNode root = executeJson("list.json", key -> api.list(key, corpCode, from.format(DATE),
                    to.format(DATE), pageNo, PAGE_SIZE), node -> node);
            if (root == null) {
                break;
            }
            filings.addAll(filingsOf(root));
            if (pageNo >= root.path("total_page").asInt(1)) {
                break;
            }
        }
        return filings;
    }

    /** Rows of 단일회사 주요계정 for one report ({@code 11011} annual, {@code 11012} half, {@code 11013} Q1, {@code 11014} Q3); empty on 013. */
    List<DartAccount> singleAccounts(String corpCode, int year, String reportCode) {
        List<DartAccount> rows = executeJson("fnlttSinglAcnt.json",
                key -> api.singleAccounts(key, corpCode, year, reportCode), DartClient::accountsOf);
        return rows == null ? List.of() : rows;
    }

    static List<DartFiling> filingsOf(JsonNode root) {
        List<DartFiling> filings = new ArrayList<>();
        for (JsonNode row : root.path("list")) {
            String date = row.path("rcept_dt").asString("");
            filings.add(new DartFiling(row.path("corp_code").asString(), row.path("corp_name").asString(),
                    row.path("stock_code").asString("").trim(), row.path("report_nm").asString(""),
                    row.path("rcept_no").asString(), date.matches("\\d{8}") ? LocalDate.parse(date, DATE) : null,
                    row.path("flr_nm").asString(null), row.path("rm").asString("")));
        }
        return filings;
    }

    static List<DartAccount> accountsOf(JsonNode root) {
        List<DartAccount> rows = new ArrayList<>();
        for (JsonNode row : root.path("list")) {
            rows.add(new DartAccount(row.path("rcept_no").asString(null), row.path("reprt_code").asString(null),
                    row.path("bsns_year").asInt(0), row.path("fs_div").asString(null),
                    row.path("sj_div").asString(null), row.path("account_nm").asString("").trim(),
                    row.path("thstrm_dt").asString(null), amount(row.path("thstrm_amount").asString(null)),
                    amount(row.path("frmtrm_amount").asString(null)), row.path("currency").asString("KRW")));
        }
        return rows;
    }

    /** DART amounts are strings: {@code "106,479,426,061"}, {@code "-1,234"}, {@code "-"} or blank for none. */
    static Double amount(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replace(",", "").trim();
        if (digits.isEmpty() || "-".equals(digits)) {
            return null;
        }
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private <T> T executeJson(String operation, Function<String, ResponseEntity<String>> request,
                              Function<JsonNode, T> onOk) {
        return execute(operation, key -> {
            ResponseEntity<String> response = request.apply(key);
            failIfTransient(response.getStatusCode().value());
            JsonNode root;
            try {
                root = json.readTree(response.getBody() == null ? "" : response.getBody());
            } catch (JacksonException e) {
                throw new Retryable("OpenDART sent no JSON (HTTP " + response.getStatusCode().value() + ")");
            }
            return outcome(root.path("status").asString(""), root.path("message").asString(""),
                    () -> onOk.apply(root));
        }, null);
    }

    private <T> Outcome<T> outcome(String status, String message, java.util.function.Supplier<T> ok) {
        return switch (status) {
            case "000" -> Outcome.ok(ok.get());
            case "013" -> Outcome.none();
            case "020" -> throw new Retryable("OpenDART request limit exceeded (020: " + message + ")");
            case "800" -> throw new Retryable("OpenDART is under maintenance (800: " + message + ")");
            default -> {
                if (KEY_PROBLEMS.contains(status)) {
                    misconfiguration.set(new Misconfiguration("OpenDART rejected the API key (" + status + ": "
                            + message + ")", clock.instant().plus(MISCONFIGURED_RETRY_AFTER)));
                    log.error("OpenDART rejected the API key ({}: {}); health reports 'dart: misconfigured'",
                            status, message);
                    throw misconfigured();
                }
                throw MarketDataProblems.upstreamRejected(SOURCE, status + " " + message);
            }
        };
    }

    private <T> T execute(String operation, Function<String, Outcome<T>> attempt, T noData) {
        Misconfiguration known = misconfiguration.get();
        if (known != null && clock.instant().isBefore(known.recheckAfter())) {
            throw misconfigured();
        }
        String key = properties.apiKey();
        Deadline deadline = Deadline.in(properties.deadline(), clock);
        for (int n = 1; ; n++) {
            Retryable failure;
            limiter.acquire(deadline);
            try {
                Outcome<T> outcome = attempt.apply(key);
                if (known != null) {
                    misconfiguration.compareAndSet(known, null);
                    log.info("OpenDART accepts the API key again");
                }
                return outcome.empty() ? noData : outcome.value();
            } catch (RestClientException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                failure = new Retryable("OpenDART unreachable: "
                        + (key.isEmpty() ? message : message.replace(key, "***")));
            } catch (Retryable e) {
                failure = e;
            }
            retryOrGiveUp(operation, failure, n, deadline);
        }
    }

    private void retryOrGiveUp(String operation, Retryable failure, int attempt, Deadline deadline) {
        Duration wait = backoff.delay(attempt);
        if (attempt >= backoff.maxAttempts() || !deadline.allows(wait)) {
            log.warn("OpenDART {} failed after {} attempt(s): {}", operation, attempt, failure.getMessage());
            throw new UpstreamUnavailableException(SOURCE, failure.getMessage() + "; gave up after " + attempt
                    + " attempt(s)", wait);
        }
        if (!Backoff.sleep(wait)) {
            throw new UpstreamUnavailableException(SOURCE, "Interrupted while backing off", wait);
        }
    }

    private UpstreamUnavailableException misconfigured() {
        return new UpstreamUnavailableException(SOURCE, "OpenDART is misconfigured on this service: "
                + misconfiguration(), MISCONFIGURED_RETRY_AFTER);
    }

    private static void failIfTransient(int status) {
        if (status == 429 || status >= 500) {
            throw new Retryable("OpenDART failed (HTTP " + status + ")");
        }
    }

    private record Misconfiguration(String reason, Instant recheckAfter) {
    }

    private record Outcome<T>(T value, boolean empty) {

        static <T> Outcome<T> ok(T value) {
            return new Outcome<>(value, false);
        }

        static <T> Outcome<T> none() {
            return new Outcome<>(null, true);
        }
    }

    static final class Retryable extends RuntimeException {

        Retryable(String message) {
            super(message, null, false, false);
        }
    }
}
