package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.codes;
import static io.stockradar.agent.engine.Verdicts.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Scoring.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FundamentalAnalystAgentTest {

    /** Last price date of every synthetic series: 2024-01-01 + 59 days. */
    private static final LocalDate PRICE_DATE = LocalDate.of(2024, 1, 1).plusDays(59);

    private final FundamentalAnalystAgent agent = new FundamentalAnalystAgent();

    @Test
    void perIsRankedLowerIsBetterAmongSectorPeersAndLossesScoreZero() {
        List<Stock> u = List.of(withPer("A", "Banks", 5.0), withPer("B", "Banks", 10.0), withPer("C", "Banks", 15.0),
                withPer("D", "Banks", 20.0), withPer("E", "Banks", -3.0));
        FundamentalAnalystAgent.Peers peers = new FundamentalAnalystAgent.Peers(u);

        // A: all four others are worse (higher PER or losses) -> 100
        assertThat(agent.analyze(u.get(0), peers).score()).isEqualTo(100.0);
        // B: C, D and the loss-maker E are worse -> 3 / 4
        assertThat(agent.analyze(u.get(1), peers).score()).isEqualTo(75.0);
        // D: only E is worse -> 1 / 4
        assertThat(agent.analyze(u.get(3), peers).score()).isEqualTo(25.0);
        Verdict loss = agent.analyze(u.get(4), peers);
        assertThat(loss.score()).isEqualTo(0.0);
        assertThat(signal(loss, "NEGATIVE_EARNINGS").value()).isEqualTo(-3.0);
        assertThat(signal(agent.analyze(u.get(1), peers), "PER").text().en()).contains("percentile 75", "4 peers");
    }

    @Test
    void roeIsHigherIsBetterAndTheScoreIsTheMeanOfTheMetrics() {
        List<Stock> u = new ArrayList<>();
        double[] roe = {0.05, 0.10, 0.15, 0.20};
        double[] debt = {0.9, 0.8, 0.7, 0.6};
        for (int i = 0; i < 4; i++) {
            u.add(stock("S" + i, "Chips", new Fundamentals(PRICE_DATE.minusDays(30), null, null, null, roe[i], null,
                    debt[i], null, null, List.of())));
        }
        FundamentalAnalystAgent.Peers peers = new FundamentalAnalystAgent.Peers(u);
        Verdict best = agent.analyze(u.get(3), peers);
        assertThat(best.score()).isEqualTo(100.0);
        Verdict second = agent.analyze(u.get(1), peers);
        // ROE 0.10: 1 of 3 others worse -> 33.33; debt 0.8: 1 of 3 others worse (0.9) -> 33.33
        assertThat(second.score()).isCloseTo(33.33, within(0.005));
        assertThat(signal(second, "ROE").value()).isEqualTo(0.10);
        assertThat(signal(second, "DEBT_RATIO").value()).isEqualTo(0.8);
        assertThat(second.score()).isCloseTo(50 + Verdicts.impactSum(second), within(0.01));
    }

    @Test
    void aThinSectorFallsBackToTheWholeUniverse() {
        List<Stock> u = List.of(withPer("A", "Tiny", 8.0), withPer("B", "Banks", 10.0), withPer("C", "Banks", 12.0),
                withPer("D", "Banks", 6.0));
        Verdict v = agent.analyze(u.get(0), new FundamentalAnalystAgent.Peers(u));
        // vs the market: B and C are worse, D better -> 2 / 3
        assertThat(v.score()).isCloseTo(66.67, within(0.005));
        assertThat(signal(v, "PER").text().en()).contains("the market");
        assertThat(signal(v, "PER").text().ko()).contains("시장 전체");
    }

    @Test
    void tooFewReportersAnywhereAbstains() {
        List<Stock> u = List.of(withPer("A", "Banks", 8.0), withPer("B", "Banks", 10.0));
        Verdict v = agent.analyze(u.get(0), new FundamentalAnalystAgent.Peers(u));
        assertThat(v.score()).isNull();
        assertThat(codes(v)).containsExactly("NO_FUNDAMENTALS", "FUNDAMENTALS_MISSING");
    }

    @Test
    void absentMetricsAreNamedAndLeftOutNeverScoredAsZero() {
        // X reports ROE but no operating margin (a bank): its score is its ROE percentile alone, not the mean of
        // that and a zero, and one signal names what is missing
        List<Stock> u = new ArrayList<>();
        double[] roe = {5, 10, 15, 20};
        for (int i = 0; i < 4; i++) {
            u.add(stock("S" + i, "Banks", new Fundamentals(PRICE_DATE.minusDays(30), null, null, null, roe[i],
                    10.0 + i, null, null, null, List.of())));
        }
        u.add(stock("X", "Banks", new Fundamentals(PRICE_DATE.minusDays(30), null, null, null, 17.0, null, null,
                null, null, List.of())));
        Verdict v = agent.analyze(u.get(4), new FundamentalAnalystAgent.Peers(u));
        assertThat(v.score()).isEqualTo(75.0); // ROE 17 beats 5, 10 and 15 of 4 others
        Signal missing = signal(v, "FUNDAMENTALS_MISSING");
        assertThat(missing.value()).isEqualTo(6); // PER, PBR, margin, debt ratio, two growth rates
        assertThat(missing.text().en()).contains("operating margin", "PER", "not scored as zero");
        assertThat(missing.text().ko()).contains("영업이익률", "0점 처리 아님");
        assertThat(codes(agent.analyze(u.get(3), new FundamentalAnalystAgent.Peers(u)))).contains("FUNDAMENTALS_MISSING");
    }

    @Test
    void missingFundamentalsAbstainNeverAFakeFifty() {
        Stock none = stock("N", "Banks", null);
        Stock empty = stock("E", "Banks", new Fundamentals(PRICE_DATE, null, null, null, null, null, null, null, null,
                List.of()));
        List<Stock> u = List.of(none, empty, withPer("A", "Banks", 5.0));
        FundamentalAnalystAgent.Peers peers = new FundamentalAnalystAgent.Peers(u);
        assertThat(agent.analyze(none, peers).toResult()).satisfies(r -> {
            assertThat(r.abstained()).isTrue();
            assertThat(r.score()).isNull();
            assertThat(codes(r.signals())).containsExactly("NO_FUNDAMENTALS");
        });
        assertThat(agent.analyze(empty, peers).score()).isNull();
    }

    @Test
    void staleFiguresAbstainWithTheirAge() {
        LocalDate old = PRICE_DATE.minusDays(600);
        List<Stock> u = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            u.add(stock("S" + i, "Banks", new Fundamentals(old, null, 10.0 + i, null, null, null, null, null, null,
                    List.of())));
        }
        Verdict v = agent.analyze(u.get(0), new FundamentalAnalystAgent.Peers(u));
        assertThat(v.score()).isNull();
        assertThat(signal(v, "NO_FUNDAMENTALS").value()).isEqualTo(600);
    }

    @Test
    void recentRiskFlagsLowerTheScoreVisiblyAndOldOnesAreIgnored() {
        List<RiskFlag> flags = List.of(new RiskFlag("RIGHTS_OFFERING", PRICE_DATE.minusDays(10), "유상증자결정"),
                new RiskFlag("ADMINISTRATIVE_ISSUE", PRICE_DATE.minusDays(89), "관리종목 (administrative issue)"),
                new RiskFlag("CONVERTIBLE_BOND", PRICE_DATE.minusDays(91), "전환사채권발행결정"));
        List<Stock> u = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            u.add(stock("S" + i, "Banks", new Fundamentals(PRICE_DATE, null, 10.0 + i, null, null, null, null, null,
                    null, i == 0 ? flags : List.of())));
        }
        Verdict v = agent.analyze(u.get(0), new FundamentalAnalystAgent.Peers(u));
        // PER percentile 100 - 10 (rights offering) - 25 (administrative issue); the 91-day-old bond is ignored
        assertThat(v.score()).isEqualTo(65.0);
        assertThat(signal(v, "RISK_FLAG_RIGHTS_OFFERING").value()).isEqualTo(-10);
        assertThat(signal(v, "RISK_FLAG_ADMINISTRATIVE_ISSUE").value()).isEqualTo(-25);
        assertThat(signal(v, "RISK_FLAG_RIGHTS_OFFERING").text().ko()).contains("유상증자결정");
        assertThat(codes(v)).doesNotContain("RISK_FLAG_CONVERTIBLE_BOND");
    }

    @Test
    void riskFlagsStayVisibleWhenTheAgentAbstains() {
        Stock s = stock("X", "Banks", new Fundamentals(PRICE_DATE, null, null, null, null, null, null, null, null,
                List.of(new RiskFlag("TRADING_HALTED", PRICE_DATE, "거래정지 (trading halted)"))));
        Verdict v = agent.analyze(s, new FundamentalAnalystAgent.Peers(List.of(s)));
        assertThat(v.score()).isNull();
        assertThat(codes(v)).containsExactly("NO_FUNDAMENTALS", "FUNDAMENTALS_MISSING", "RISK_FLAG_TRADING_HALTED");
    }

    @Test
    void penaltiesDependOnSeverity() {
        assertThat(FundamentalAnalystAgent.penalty("DELISTING_REVIEW")).isEqualTo(25);
        assertThat(FundamentalAnalystAgent.penalty("MARKET_WARNING_RISK")).isEqualTo(25);
        assertThat(FundamentalAnalystAgent.penalty("CAPITAL_REDUCTION")).isEqualTo(15);
        assertThat(FundamentalAnalystAgent.penalty("MARKET_WARNING_CAUTION")).isEqualTo(10);
        assertThat(FundamentalAnalystAgent.penalty("EXCHANGEABLE_BOND")).isEqualTo(10);
    }

    private static Stock withPer(String symbol, String sector, double per) {
        return stock(symbol, sector, new Fundamentals(PRICE_DATE.minusDays(45), null, per, null, null, null, null, null,
                null, List.of()));
    }

    private static Stock stock(String symbol, String sector, Fundamentals f) {
        return new Stock(symbol, symbol, "KR", sector, null,
                Bars.fromCloses(symbol, Bars.geometric(100, 0.001, 60), 0.5, 1000), f);
    }
}
