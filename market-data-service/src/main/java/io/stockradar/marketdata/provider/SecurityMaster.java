package io.stockradar.marketdata.provider;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The bundled reference data every provider shares: securities (KRX code ↔ Yahoo symbol ↔ DART corp
 * code), universe memberships and dated company figures. Live providers take prices from upstream and
 * the rest from here.
 */
public interface SecurityMaster {

    /** Identifies the bundled dataset. */
    String version();

    Optional<Security> security(String symbol);

    Collection<Security> securities();

    List<Universe> universes();

    Optional<Universe> universe(String id);

    Optional<CompanyFigures> companyFigures(String symbol);
}
