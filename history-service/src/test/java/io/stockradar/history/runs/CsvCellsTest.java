package io.stockradar.history.runs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void leavesPlainTextAndKoreanAsTheyAre() {
        assertThat(CsvCells.text("삼성전자")).isEqualTo("삼성전자");
        assertThat(CsvCells.text("005930.KS")).isEqualTo("005930.KS");
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.text("")).isEmpty();
    }

    @Test
    void quotesCommasQuotesAndLineBreaksDoublingQuotes() {
        assertThat(CsvCells.text("Samsung, Electronics")).isEqualTo("\"Samsung, Electronics\"");
        assertThat(CsvCells.text("the \"best\" one")).isEqualTo("\"the \"\"best\"\" one\"");
        assertThat(CsvCells.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.text("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void neutralisesSpreadsheetFormulasWithASingleQuote() {
        assertThat(CsvCells.text("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvCells.text("+82")).isEqualTo("'+82");
        assertThat(CsvCells.text("-5")).isEqualTo("'-5");
        assertThat(CsvCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.text("\tTAB")).isEqualTo("'\tTAB");
        // neutralised and then quoted, in that order: the quote is inside the cell
        assertThat(CsvCells.text("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvCells.text("a=b")).isEqualTo("a=b");
    }

    @Test
    void writesNumbersPlainWithoutTrailingZeros() {
        assertThat(CsvCells.number(57200.0)).isEqualTo("57200");
        assertThat(CsvCells.number(12_345_678.0)).isEqualTo("12345678");
        assertThat(CsvCells.number(64.5)).isEqualTo("64.5");
        assertThat(CsvCells.number(0.0)).isEqualTo("0");
        assertThat(CsvCells.number(null)).isEmpty();
        assertThat(CsvCells.number(Double.NaN)).isEmpty();
    }

    @Test
    void endsRecordsWithCrLf() {
        assertThat(CsvCells.record(List.of("a", "b", ""))).isEqualTo("a,b,\r\n");
    }
}
