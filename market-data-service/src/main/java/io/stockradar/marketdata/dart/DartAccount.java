package io.stockradar.marketdata.dart;

/**
 * One row of fnlttSinglAcnt.json; amounts in {@code currency} (KRW where DART omits it), null when DART
 * gives none.
 *
 * @param fsDiv   {@code CFS} consolidated or {@code OFS} separate
 * @param sjDiv   {@code BS} balance sheet or {@code IS} income statement
 * @param period  {@code thstrm_dt}, e.g. "2018.12.31 현재" or "2018.01.01 ~ 2018.12.31"
 */
record DartAccount(String receiptNo, String reportCode, int year, String fsDiv, String sjDiv, String accountName,
                   String period, Double amount, Double priorAmount, String currency) {
}
