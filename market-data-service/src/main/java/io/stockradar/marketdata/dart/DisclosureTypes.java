package io.stockradar.marketdata.dart;

import io.stockradar.marketdata.provider.Disclosure;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classifies a filing by its report name ({@code report_nm}). The risk events are those of the
 * fundamental agent (AGENTS.md §4): rights offerings 유상증자, convertible / exchangeable bonds
 * 전환사채 / 교환사채, capital reduction 감자, rehabilitation 회생절차 and administrative issue 관리종목.
 * A bonus issue (무상증자) is not a risk event.
 */
final class DisclosureTypes {

    private static final Map<String, String> RISK_EVENTS = new LinkedHashMap<>();

    static {
        RISK_EVENTS.put("유상증자", "RIGHTS_OFFERING");
        RISK_EVENTS.put("전환사채", "CONVERTIBLE_BOND");
        RISK_EVENTS.put("교환사채", "EXCHANGEABLE_BOND");
        RISK_EVENTS.put("감자", "CAPITAL_REDUCTION");
        RISK_EVENTS.put("회생절차", "REHABILITATION");
        RISK_EVENTS.put("관리종목", "ADMINISTRATIVE_ISSUE");
    }

    private DisclosureTypes() {
    }

    static Disclosure disclosure(String receiptNo, LocalDate date, String reportName) {
        String title = reportName == null ? "" : reportName.trim();
        String normalized = title.replace(" ", "");
        for (Map.Entry<String, String> event : RISK_EVENTS.entrySet()) {
            if (normalized.contains(event.getKey())) {
                return new Disclosure(receiptNo, date, title, event.getValue(), true);
            }
        }
        boolean periodic = normalized.contains("사업보고서") || normalized.contains("반기보고서")
                || normalized.contains("분기보고서");
        return new Disclosure(receiptNo, date, title, periodic ? "PERIODIC_REPORT" : "OTHER", false);
    }
}
