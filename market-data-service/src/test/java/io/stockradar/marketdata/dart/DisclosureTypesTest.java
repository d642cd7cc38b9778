package io.stockradar.marketdata.dart;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DisclosureTypesTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 16);

    private static String type(String reportName) {
        return DisclosureTypes.disclosure("20250616000001", DAY, reportName).type();
    }

    @Test
    void riskEventsOfTheFundamentalAgentAreFlagged() {
        assertThat(type("주요사항보고서(유상증자결정)")).isEqualTo("RIGHTS_OFFERING");
        assertThat(type("[기재정정]주요사항보고서(전환사채권발행결정)")).isEqualTo("CONVERTIBLE_BOND");
        assertThat(type("주요사항보고서(교환사채권발행결정)")).isEqualTo("EXCHANGEABLE_BOND");
        assertThat(type("주요사항보고서(감자결정)")).isEqualTo("CAPITAL_REDUCTION");
        assertThat(type("회생절차개시신청")).isEqualTo("REHABILITATION");
        assertThat(type("관리종목지정(감사의견거절)")).isEqualTo("ADMINISTRATIVE_ISSUE");
        assertThat(DisclosureTypes.disclosure("1", DAY, "주요사항보고서(유상증자결정)").riskFlag()).isTrue();
    }

    @Test
    void ordinaryFilingsAreNotFlagged() {
        // report names from the recorded list.json responses
        assertThat(type("최대주주등소유주식변동신고서")).isEqualTo("OTHER");
        assertThat(type("[기재정정]주식분할결정")).isEqualTo("OTHER");
        assertThat(type("사업보고서 (2017.12)")).isEqualTo("PERIODIC_REPORT");
        assertThat(type("분기보고서 (2022.09)")).isEqualTo("PERIODIC_REPORT");
        assertThat(type("무상증자결정")).as("a bonus issue is no rights offering").isEqualTo("OTHER");
        assertThat(DisclosureTypes.disclosure("1", DAY, "최대주주등소유주식변동신고서").riskFlag()).isFalse();
    }
}
