package io.stockradar.marketdata.provider;

import java.util.List;

/**
 * Dated fundamentals of the bundled dataset: every filed figure and share count with the date it became
 * public, so a caller can answer "what was known on day D". Choosing among them is the caller's job
 * ({@code financials}); this only serves what the files hold.
 */
public interface FundamentalsHistory {

    /** Every reported column of the symbol, oldest period first; empty when the dataset has none. */
    List<ReportedFigures> reported(String symbol);

    /** Published share counts of the symbol, oldest first; empty when unknown (US: use diluted shares). */
    List<SharesOutstanding> shares(String symbol);
}
