package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.pct;
import static io.stockradar.agent.engine.Scoring.round2;
import static io.stockradar.agent.engine.Scoring.signal;

import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agent 2 — sector scout.
 *
 * <p>For every sector of the universe: equal-weight mean of the members' 1-, 3- and 6-month returns
 * (21, 63, 126 bars on adjusted closes), relative strength (RS) = sector return − benchmark return
 * over the same horizon, and acceleration = RS(1m) − RS(3m). {@link SectorRow#relativeStrength()} is
 * the 3-month RS. A member counts when it has more than 126 bars (newer listings are left out;
 * {@link SectorRow#members()} says how many counted), and the table is empty when the benchmark is
 * that short, so every number in it is real. Sectors are ranked by their mean RS over 1, 3 and 6
 * months, ties by name. A stock's sector score is its sector's rank percentile:
 * {@code 100 · (N − rank) / (N − 1)}. The agent abstains ({@code NO_SECTOR}) for a stock without a
 * ranked sector and ({@code SINGLE_SECTOR}) when the universe has only one ranked sector, where a
 * percentile means nothing.
 */
final class SectorScoutAgent {

    static final int M1 = 21;
    static final int M3 = 63;
    static final int M6 = 126;

    /** The table plus the blended strength used for ranking, by sector name. */
    record Ranking(SectorTable table, Map<String, SectorRow> bySector) {
    }

    Ranking rank(MarketInput market) {
        double[] bc = market.benchmark().close();
        if (bc.length <= M6) {
            return new Ranking(new SectorTable(market.market(), market.benchmark().lastDate(), List.of()), Map.of());
        }
        double b1 = ret(bc, M1);
        double b3 = ret(bc, M3);
        double b6 = ret(bc, M6);
        if (!Double.isFinite(b1) || !Double.isFinite(b3) || !Double.isFinite(b6)) {
            return new Ranking(new SectorTable(market.market(), market.benchmark().lastDate(), List.of()), Map.of());
        }
        Map<String, double[]> sums = new TreeMap<>(); // sector -> {Σr1, Σr3, Σr6, members}
        for (Stock s : market.universe()) {
            double[] c = s.prices().close();
            if (s.sector() == null || s.sector().isBlank() || c.length <= M6) {
                continue;
            }
            double r1 = ret(c, M1);
            double r3 = ret(c, M3);
            double r6 = ret(c, M6);
            if (!Double.isFinite(r1) || !Double.isFinite(r3) || !Double.isFinite(r6)) {
                continue; // bad data (NaN or zero prices) must not poison the sector
            }
            double[] acc = sums.computeIfAbsent(s.sector(), k -> new double[4]);
            acc[0] += r1;
            acc[1] += r3;
            acc[2] += r6;
            acc[3]++;
        }
        record Draft(String sector, double r1, double r3, double r6, double rs1, double rs3, double strength,
                int members) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] acc = e.getValue();
            double r1 = acc[0] / acc[3];
            double r3 = acc[1] / acc[3];
            double r6 = acc[2] / acc[3];
            double rs1 = r1 - b1;
            double rs3 = r3 - b3;
            double rs6 = r6 - b6;
            drafts.add(new Draft(e.getKey(), r1, r3, r6, rs1, rs3, (rs1 + rs3 + rs6) / 3.0, (int) acc[3]));
        }
        drafts.sort(Comparator.comparingDouble(Draft::strength).reversed().thenComparing(Draft::sector));
        List<SectorRow> rows = new ArrayList<>();
        Map<String, SectorRow> bySector = new HashMap<>();
        int rank = 1;
        for (Draft d : drafts) {
            SectorRow row = new SectorRow(d.sector(), d.r1(), d.r3(), d.r6(), d.rs3(), d.rs1() - d.rs3(), rank++,
                    d.members());
            rows.add(row);
            bySector.put(d.sector(), row);
        }
        return new Ranking(new SectorTable(market.market(), market.benchmark().lastDate(), List.copyOf(rows)),
                bySector);
    }

    Verdict score(Stock stock, Ranking ranking) {
        SectorRow row = stock.sector() == null ? null : ranking.bySector().get(stock.sector());
        if (row == null) {
            return Verdict.abstain(signal("NO_SECTOR", 0, "업종 정보가 없어 업종 점수를 내지 않습니다",
                    "No ranked sector for this stock: no sector score"));
        }
        int total = ranking.table().sectors().size();
        if (total < 2) {
            return Verdict.abstain(signal("SINGLE_SECTOR", 1, "비교할 다른 업종이 없어 업종 점수를 내지 않습니다",
                    "The universe has a single ranked sector: no sector score"));
        }
        double score = round2(100.0 * (total - row.rank()) / (total - 1));
        List<Scored> items = new ArrayList<>();
        items.add(new Scored(signal("SECTOR_RANK", row.rank(),
                row.sector() + " 업종 순위 " + row.rank() + "/" + total,
                row.sector() + " ranks " + row.rank() + " of " + total + " sectors"), score - 50));
        items.add(new Scored(signal("SECTOR_RS_3M", row.relativeStrength(),
                row.sector() + " 업종의 3개월 상대강도 " + pct(row.relativeStrength()) + " (시장 대비)",
                row.sector() + " 3-month return " + pct(row.relativeStrength()) + " vs the market"), 0));
        items.add(new Scored(signal("SECTOR_ACCELERATION", row.acceleration(),
                row.sector() + " 업종 상대강도 가속도(1개월−3개월) " + pct(row.acceleration()),
                row.sector() + " relative-strength acceleration (1m − 3m) " + pct(row.acceleration())), 0));
        return new Verdict(score, items);
    }

    /** Return over {@code h} bars ending at the last bar; NaN with fewer than h + 1 bars. */
    static double ret(double[] c, int h) {
        int n = c.length;
        return n > h ? c[n - 1] / c[n - 1 - h] - 1.0 : Double.NaN;
    }

}
