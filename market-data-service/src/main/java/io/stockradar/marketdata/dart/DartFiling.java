package io.stockradar.marketdata.dart;

import java.time.LocalDate;

/** One row of list.json. */
record DartFiling(String corpCode, String corpName, String stockCode, String reportName, String receiptNo,
                  LocalDate receiptDate, String filer, String remark) {
}
