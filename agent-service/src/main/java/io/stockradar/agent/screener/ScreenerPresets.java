package io.stockradar.agent.screener;

import io.stockradar.common.problem.ApiProblem;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configured presets ({@code stockradar.screener.presets}), checked at startup: unique ids, and each
 * preset's request valid for any universe (a bad preset stops the service rather than failing its users).
 */
@Component
class ScreenerPresets {

    private final Map<String, ScreenerProperties.Preset> presets = new LinkedHashMap<>();

    ScreenerPresets(ScreenerProperties properties) {
        for (ScreenerProperties.Preset preset : properties.presets()) {
            if (preset.id() == null || !preset.id().matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalStateException("Screener preset id must be lower-case words joined by '-': " + preset.id());
            }
            if (presets.putIfAbsent(preset.id(), preset) != null) {
                throw new IllegalStateException("Duplicate screener preset id " + preset.id());
            }
            if (preset.request() == null || preset.name() == null || preset.description() == null) {
                throw new IllegalStateException("Screener preset " + preset.id() + " needs a name, a description and a request");
            }
            try {
                ScreenerRunRequestValidator.validate(apply(preset, new ScreenerRunRequest("KOSPI200", null, null, null, null)));
            } catch (ApiProblem e) {
                throw new IllegalStateException("Screener preset " + preset.id() + " is invalid: " + e.getBody().getProperties(), e);
            }
        }
    }

    List<ScreenerProperties.Preset> all() {
        return List.copyOf(presets.values());
    }

    /**
     * The request with its preset's defaults filled in: a field the caller gave wins, filters field by field.
     * Without a preset the request is returned unchanged.
     *
     * @throws ApiProblem 400 naming {@code preset} if there is no such preset
     */
    ScreenerRunRequest resolve(ScreenerRunRequest request) {
        if (request.preset() == null) {
            return request;
        }
        ScreenerProperties.Preset preset = presets.get(request.preset().trim());
        if (preset == null) {
            throw ApiProblem.badRequest("preset", "unknown preset '" + request.preset() + "'; one of "
                    + presets.keySet().stream().collect(Collectors.joining(", ")));
        }
        return apply(preset, request);
    }

    private static ScreenerRunRequest apply(ScreenerProperties.Preset preset, ScreenerRunRequest request) {
        ScreenerProperties.PresetRequest defaults = preset.request();
        return new ScreenerRunRequest(request.universe(), request.symbols(),
                merge(defaults.filters(), request.filters()),
                request.sort() != null ? request.sort() : defaults.sort(),
                request.limit() != null ? request.limit() : defaults.limit(),
                preset.id(), request.asOf());
    }

    private static ScreenerRunRequest.Filters merge(ScreenerRunRequest.Filters defaults, ScreenerRunRequest.Filters given) {
        if (defaults == null) {
            return given;
        }
        if (given == null) {
            return defaults;
        }
        return new ScreenerRunRequest.Filters(
                given.minMarketCap() != null ? given.minMarketCap() : defaults.minMarketCap(),
                given.minLiquidity() != null ? given.minLiquidity() : defaults.minLiquidity(),
                given.sectors() != null ? given.sectors() : defaults.sectors(),
                given.minScore() != null ? given.minScore() : defaults.minScore());
    }
}
