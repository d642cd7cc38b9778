package io.stockradar.marketdata.dart;

/** company.json: {@code corpClass} Y 유가 / K 코스닥 / N 코넥스 / E 기타; {@code settleMonth} "12". */
record DartCompany(String corpCode, String name, String stockName, String stockCode, String corpClass,
                   String industryCode, String settleMonth) {
}
