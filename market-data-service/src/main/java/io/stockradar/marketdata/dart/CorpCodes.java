package io.stockradar.marketdata.dart;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The listed companies of OpenDART's {@code corpCode.xml}: stock code ↔ corp code. The ZIP holds one
 * {@code CORPCODE.xml} of ~100k {@code <list>} entries (18 MB); it is read as a stream and only the ~3.5k
 * entries with a stock code are kept ({@code stock_code} is a single space for unlisted companies).
 *
 * @param entries all {@code <list>} entries read, listed or not
 */
record CorpCodes(Map<String, Corp> byStockCode, Map<String, Corp> byCorpCode, int entries, LocalDate newest) {

    record Corp(String corpCode, String name, String stockCode, LocalDate modified) {
    }

    Optional<Corp> forStockCode(String stockCode) {
        return Optional.ofNullable(byStockCode.get(stockCode));
    }

    Optional<Corp> forCorpCode(String corpCode) {
        return Optional.ofNullable(byCorpCode.get(corpCode));
    }

    /** True when the bytes start with the ZIP magic {@code PK}; DART answers errors with an XML body instead. */
    static boolean isZip(byte[] body) {
        return body != null && body.length > 3 && body[0] == 'P' && body[1] == 'K';
    }

    static CorpCodes parseZip(InputStream zip) {
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().toUpperCase(java.util.Locale.ROOT).endsWith(".XML")) {
                    return parseXml(in);
                }
            }
            throw new IllegalArgumentException("corpCode.xml ZIP holds no XML entry");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CorpCodes parseXml(InputStream xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, Corp> byStock = new HashMap<>(8192);
        Map<String, Corp> byCorp = new HashMap<>(8192);
        int entries = 0;
        LocalDate newest = null;
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(xml, "UTF-8");
            String corpCode = null;
            String name = null;
            String stockCode = null;
            String modified = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "list" -> {
                            corpCode = null;
                            name = null;
                            stockCode = null;
                            modified = null;
                        }
                        case "corp_code" -> corpCode = reader.getElementText().trim();
                        case "corp_name" -> name = reader.getElementText().trim();
                        case "stock_code" -> stockCode = reader.getElementText().trim();
                        case "modify_date" -> modified = reader.getElementText().trim();
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "list".equals(reader.getLocalName())) {
                    entries++;
                    LocalDate date = modified != null && modified.matches("\\d{8}")
                            ? LocalDate.parse(modified, java.time.format.DateTimeFormatter.BASIC_ISO_DATE) : null;
                    if (date != null && (newest == null || date.isAfter(newest))) {
                        newest = date;
                    }
                    if (corpCode != null && stockCode != null && !stockCode.isEmpty()) {
                        Corp corp = new Corp(corpCode, name, stockCode, date);
                        byStock.put(stockCode, corp);
                        byCorp.put(corpCode, corp);
                    }
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("corpCode.xml is not readable XML: " + e.getMessage(), e);
        }
        return new CorpCodes(Map.copyOf(byStock), Map.copyOf(byCorp), entries, newest);
    }
}
