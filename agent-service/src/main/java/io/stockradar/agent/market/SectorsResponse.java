package io.stockradar.agent.market;

import io.stockradar.agent.engine.SectorRow;
import io.stockradar.agent.engine.SectorTable;

import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/market/sectors}: sectors ranked strongest first (returns as fractions, 0.05 = 5%). */
record SectorsResponse(String market, LocalDate asOf, String source, List<Sector> sectors) {

    static SectorsResponse of(SectorTable table, String source) {
        return new SectorsResponse(table.market(), table.asOf(), source,
                table.sectors().stream().map(Sector::of).toList());
    }

    record Sector(String sector, Double return1m, Double return3m, Double return6m, Double relativeStrength,
                  Double acceleration, int rank, int members) {

        static Sector of(SectorRow row) {
            return new Sector(row.sector(), finite(row.return1m()), finite(row.return3m()), finite(row.return6m()),
                    finite(row.relativeStrength()), finite(row.acceleration()), row.rank(), row.members());
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
