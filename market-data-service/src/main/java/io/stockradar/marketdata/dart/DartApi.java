package io.stockradar.marketdata.dart;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * OpenDART as an HTTP interface. Errors arrive with HTTP 200 and a {@code status} in the body (JSON, or
 * XML instead of the ZIP for corpCode.xml), so every method returns the raw answer for {@link DartClient}.
 */
@HttpExchange("/api")
interface DartApi {

    @GetExchange("/corpCode.xml")
    ResponseEntity<byte[]> corpCodes(@RequestParam("crtfc_key") String key);

    @GetExchange("/company.json")
    ResponseEntity<String> company(@RequestParam("crtfc_key") String key, @RequestParam("corp_code") String corpCode);

    @GetExchange("/list.json")
    ResponseEntity<String> list(@RequestParam("crtfc_key") String key, @RequestParam("corp_code") String corpCode,
                                @RequestParam("bgn_de") String from, @RequestParam("end_de") String to,
                                @RequestParam("page_no") int page, @RequestParam("page_count") int pageSize);

    @GetExchange("/fnlttSinglAcnt.json")
    ResponseEntity<String> singleAccounts(@RequestParam("crtfc_key") String key,
                                          @RequestParam("corp_code") String corpCode,
                                          @RequestParam("bsns_year") int year,
                                          @RequestParam("reprt_code") String reportCode);
}
