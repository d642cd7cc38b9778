package io.stockradar.marketdata.universe;

import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.Universe;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
class UniverseService {

    private final MarketDataProvider provider;

    UniverseService(MarketDataProvider provider) {
        this.provider = provider;
    }

    List<UniverseSummary> summaries() {
        return provider.universes().stream().map(u -> {
            List<UniverseMember> members = members(u);
            int withBars = (int) members.stream().filter(UniverseMember::hasBars).count();
            return new UniverseSummary(u.id(), u.name(), u.market().name(), u.asOf(), provider.asOf().get(u.market()),
                    provider.source(), members.size(), withBars);
        }).toList();
    }

    UniverseResponse universe(String id) {
        Universe u = provider.universe(id).orElseThrow(() -> MarketDataProblems.unknownUniverse(id));
        List<UniverseMember> members = members(u);
        return new UniverseResponse(u.id(), u.name(), u.market().name(), u.asOf(), provider.asOf().get(u.market()),
                provider.source(), members.size(), members);
    }

    /** Whether a member has bars is a metadata question for the provider, not a price read through the cache. */
    private List<UniverseMember> members(Universe u) {
        return u.symbols().stream()
                .map(symbol -> provider.security(symbol).map(s -> UniverseMember.of(s,
                        provider.hasDailySeries(symbol))))
                .flatMap(java.util.Optional::stream)
                .toList();
    }
}
