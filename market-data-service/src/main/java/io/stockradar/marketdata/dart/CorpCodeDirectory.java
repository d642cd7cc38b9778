package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stock code → DART corp code from corpCode.xml, fetched on first use and again after {@code corpCodesTtl}.
 * While DART cannot be reached the previous download is used, and without one the security master's corp
 * code (itself taken from a corpCode.xml snapshot).
 */
class CorpCodeDirectory {

    private static final Logger log = LoggerFactory.getLogger(CorpCodeDirectory.class);

    private final DartClient client;
    private final DartProperties properties;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile CorpCodes codes;
    private volatile Instant fetchedAt = Instant.MIN;

    CorpCodeDirectory(DartClient client, DartProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<String> corpCode(Security security) {
        if (security.market() != Market.KR || security.type() != SecurityType.STOCK) {
            return Optional.empty();
        }
        CorpCodes current = current();
        if (current != null) {
            Optional<CorpCodes.Corp> corp = current.forStockCode(security.code());
            if (corp.isPresent()) {
                return Optional.of(corp.get().corpCode());
            }
        }
        return Optional.ofNullable(security.dartCorpCode()).filter(code -> !code.isBlank());
    }

    /** How many listed companies the last download had (0 before the first). */
    int listed() {
        CorpCodes current = codes;
        return current == null ? 0 : current.byStockCode().size();
    }

    private CorpCodes current() {
        if (codes != null && clock.instant().isBefore(fetchedAt.plus(properties.corpCodesTtl()))) {
            return codes;
        }
        if (!lock.tryLock()) {
            return codes; // another request is downloading; use what we have
        }
        try {
            if (codes == null || !clock.instant().isBefore(fetchedAt.plus(properties.corpCodesTtl()))) {
                CorpCodes fetched = client.corpCodes();
                if (fetched != null) {
                    codes = fetched;
                    log.info("OpenDART corpCode.xml: {} entries, {} listed", fetched.entries(),
                            fetched.byStockCode().size());
                }
                fetchedAt = clock.instant();
            }
        } catch (UpstreamUnavailableException e) {
            log.warn("corpCode.xml not refreshed ({}); using {}", e.getMessage(),
                    codes == null ? "the security master's corp codes" : "the previous download");
            fetchedAt = clock.instant().minus(properties.corpCodesTtl()).plusSeconds(60); // retry in a minute
        } finally {
            lock.unlock();
        }
        return codes;
    }
}
