package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.CompanyFigures;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityMaster;
import io.stockradar.marketdata.provider.Universe;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The reference part of the bundled dataset (securities, universes, company figures), for every provider. */
class BundledSecurityMaster implements SecurityMaster {

    private final DemoDataset dataset;

    BundledSecurityMaster(DemoDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public String version() {
        return dataset.version();
    }

    @Override
    public Optional<Security> security(String symbol) {
        return Optional.ofNullable(dataset.securities().get(symbol));
    }

    @Override
    public Collection<Security> securities() {
        return dataset.securities().values();
    }

    @Override
    public List<Universe> universes() {
        return List.copyOf(dataset.universes().values());
    }

    @Override
    public Optional<Universe> universe(String id) {
        return Optional.ofNullable(dataset.universes().get(id.toUpperCase(Locale.ROOT)));
    }

    @Override
    public Optional<CompanyFigures> companyFigures(String symbol) {
        return Optional.ofNullable(dataset.figures().get(symbol));
    }
}
