package io.stockradar.marketdata.provider.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** A small RFC 4180 reader for the dataset's UTF-8 (optionally gzip) CSV files: quotes, doubled quotes, no multi-line fields. */
final class CsvLines {

    private CsvLines() {
    }

    /** Calls {@code row} for each data row (the header is checked against {@code expectedHeader} and skipped). */
    static int read(InputStream in, boolean gzip, List<String> expectedHeader, Consumer<String[]> row) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(gzip ? new GZIPInputStream(in, 1 << 16) : in, StandardCharsets.UTF_8), 1 << 16)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IllegalStateException("empty file");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> columns = List.of(split(header, expectedHeader.size()));
            if (!columns.equals(expectedHeader)) {
                throw new IllegalStateException("unexpected header " + columns + ", expected " + expectedHeader);
            }
            int n = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = split(line, columns.size());
                if (fields.length != columns.size()) {
                    throw new IllegalStateException("line " + (n + 2) + " has " + fields.length + " fields, expected "
                            + columns.size());
                }
                row.accept(fields);
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] split(String line, int expected) {
        if (line.indexOf('"') < 0) {
            String[] out = new String[expected];
            int count = 0;
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == ',') {
                    if (count == out.length) {
                        return line.split(",", -1);
                    }
                    out[count++] = line.substring(start, i);
                    start = i + 1;
                }
            }
            return count == out.length ? out : java.util.Arrays.copyOf(out, count);
        }
        List<String> fields = new ArrayList<>(expected);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
