package io.stockradar.marketdata.provider.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvLinesTest {

    @Test
    void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
        assertThat(CsvLines.split("005930.KS,\"SAMSUNG ELECTRONICS CO,.LTD\",\"a \"\"b\"\"\",", 4))
                .containsExactly("005930.KS", "SAMSUNG ELECTRONICS CO,.LTD", "a \"b\"", "");
    }

    @Test
    void splitsPlainLinesAndKeepsEmptyFields() {
        assertThat(CsvLines.split("^VIX,2026-02-25,1,2,,3,", 7)).containsExactly("^VIX", "2026-02-25", "1", "2", "", "3", "");
    }
}
