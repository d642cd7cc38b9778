package io.stockradar.agent.screener;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The configured screener presets: named requests a client can start with {@code {preset, universe}}. */
@RestController
class ScreenerPresetController {

    private final ScreenerPresets presets;

    ScreenerPresetController(ScreenerPresets presets) {
        this.presets = presets;
    }

    @Operation(summary = "Named screener requests (filters, sort, limit); start one with POST runs {preset, universe}")
    @GetMapping("/api/screener/presets")
    List<PresetResponse> presets() {
        return presets.all().stream().map(PresetResponse::of).toList();
    }

    record PresetResponse(String id, ScreenerProperties.Localized name, ScreenerProperties.Localized description,
                          ScreenerProperties.PresetRequest request) {

        static PresetResponse of(ScreenerProperties.Preset preset) {
            return new PresetResponse(preset.id(), preset.name(), preset.description(), preset.request());
        }
    }
}
