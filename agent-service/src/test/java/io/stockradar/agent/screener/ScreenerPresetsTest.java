package io.stockradar.agent.screener;

import io.stockradar.common.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScreenerPresetsTest {

    private static final ScreenerProperties.Localized TEXT = new ScreenerProperties.Localized("가", "a");

    @Test
    void resolveFillsOnlyWhatTheRequestLeftOut() {
        ScreenerPresets presets = presets(preset("value", new ScreenerProperties.PresetRequest(
                new ScreenerRunRequest.Filters(1e12, null, List.of("Financials"), 50.0), "fundamental", 30)));

        ScreenerRunRequest resolved = presets.resolve(new ScreenerRunRequest("SP500", null,
                new ScreenerRunRequest.Filters(null, 5e6, null, 40.0), null, null, "value"));

        assertThat(resolved.universe()).isEqualTo("SP500");
        assertThat(resolved.sort()).isEqualTo("fundamental");
        assertThat(resolved.limit()).isEqualTo(30);
        assertThat(resolved.preset()).isEqualTo("value");
        assertThat(resolved.filters()).isEqualTo(new ScreenerRunRequest.Filters(1e12, 5e6, List.of("Financials"), 40.0));
    }

    @Test
    void aRequestWithoutPresetIsUnchanged() {
        ScreenerRunRequest request = new ScreenerRunRequest("KOSPI200", null, null, "risk", 3);
        assertThat(presets().resolve(request)).isSameAs(request);
    }

    @Test
    void anUnknownPresetNamesTheField() {
        assertThatThrownBy(() -> presets().resolve(new ScreenerRunRequest("KOSPI200", null, null, null, null, "nope")))
                .isInstanceOfSatisfying(ApiProblem.class, problem ->
                        assertThat(problem.getBody().getProperties().get("errors").toString()).contains("preset"));
    }

    @Test
    void invalidOrDuplicatePresetsStopTheService() {
        assertThatThrownBy(() -> presets(preset("bad", new ScreenerProperties.PresetRequest(null, "alphabetical", 10))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad");
        ScreenerProperties.Preset ok = preset("ok", new ScreenerProperties.PresetRequest(null, "risk", 10));
        assertThatThrownBy(() -> presets(ok, ok)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> presets(preset("Not An Id", new ScreenerProperties.PresetRequest(null, "risk", 10))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static ScreenerProperties.Preset preset(String id, ScreenerProperties.PresetRequest request) {
        return new ScreenerProperties.Preset(id, TEXT, TEXT, request);
    }

    private static ScreenerPresets presets(ScreenerProperties.Preset... presets) {
        return new ScreenerPresets(new ScreenerProperties(1, 1, 25, 12, Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(30), List.of(presets), null));
    }
}
