package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dataset swapped in through {@code stockradar.demo.location=file:...}, without a code change. */
class DemoDatasetLocationTest {

    @TempDir
    Path dir;

    private static final String SECURITY_HEADER = String.join(",", DemoDatasetLoader.SECURITY_COLUMNS);

    @Test
    void loadsADatasetFromTheFileSystemAndAppliesTheBarRules() throws IOException {
        writeDataset("symbol,date,open,high,low,close,volume\n"
                + "000001.KS,2025-01-02,100,105,99,100,10\n"
                + "000001.KS,2025-01-03,0,0,0,100,0\n"          // halted
                + "000001.KS,2025-01-06,100,140,100,135,10\n"    // +35 %
                + "000001.KS,2025-01-07,100,131,99,130,10\n");   // +30 %
        DemoDataset dataset = DemoDatasetLoader.load(new DefaultResourceLoader(), "file:" + dir + "/");
        DailySeries series = dataset.series().get("000001.KS");
        assertThat(series.close()).containsExactly(100, 130);
        assertThat(series.date(1)).isEqualTo(LocalDate.of(2025, 1, 7));
        assertThat(dataset.flagged()).containsEntry(BarIssue.HALTED, 1).containsEntry(BarIssue.PRICE_LIMIT, 1);
        assertThat(dataset.version()).isEqualTo("test-1");
        assertThat(dataset.asOf()).containsEntry(Market.KR, LocalDate.of(2025, 1, 7));
        assertThat(dataset.universes().get("KOSPI200").symbols()).containsExactly("000001.KS");
    }

    @Test
    void refusesAMalformedFileNamingIt() throws IOException {
        writeDataset("symbol,date,open,high,low,close,volume\n000001.KS,2025-01-02,100,105,99\n");
        assertThatThrownBy(() -> DemoDatasetLoader.load(new DefaultResourceLoader(), "file:" + dir + "/"))
                .hasMessageContaining("bars-kr.csv.gz").hasMessageContaining("line 2");
    }

    private void writeDataset(String bars) throws IOException {
        Files.writeString(dir.resolve("manifest.properties"), """
                version=test-1
                asOf.KR=2025-01-07
                asOf.US=2025-01-07
                universe.KOSPI200.name=KOSPI 200
                universe.KOSPI200.market=KR
                universe.KOSPI200.asOf=2025-01-01
                universe.KOSDAQ150.name=KOSDAQ 150
                universe.KOSDAQ150.market=KR
                universe.KOSDAQ150.asOf=2025-01-01
                universe.SP500.name=S&P 500
                universe.SP500.market=US
                universe.SP500.asOf=2025-01-01
                files=securities.csv.gz,bars-kr.csv.gz
                """);
        gzip("securities.csv.gz", SECURITY_HEADER + "\n"
                + "000001.KS,000001,KR,KOSPI,STOCK,KRW,KOSPI200,테스트,Test Co,Financials,,,,,,,,,,,,,N,N,N,00,\n");
        gzip("bars-kr.csv.gz", bars);
    }

    private void gzip(String name, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
