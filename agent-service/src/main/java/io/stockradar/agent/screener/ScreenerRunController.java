package io.stockradar.agent.screener;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Async screener runs of the signed-in user (JWT {@code sub}); another user's run is a 404. */
@RestController
@RequestMapping("/api/screener/runs")
class ScreenerRunController {

    static final String BASE = "/api/screener/runs";

    private final ScreenerRunService service;
    private final RunEventStream events;

    ScreenerRunController(ScreenerRunService service, RunEventStream events) {
        this.service = service;
        this.events = events;
    }

    @Operation(summary = "Start a screener run over a universe or a symbol list; 202 with the run id")
    @PostMapping
    ResponseEntity<RunAcceptedResponse> start(@AuthenticationPrincipal Jwt jwt, @RequestBody ScreenerRunRequest request) {
        ScreenerRunService.Submitted submitted = service.submit(jwt.getSubject(), request);
        UUID runId = submitted.runId();
        return ResponseEntity.accepted()
                .location(URI.create(BASE + "/" + runId))
                .body(new RunAcceptedResponse(runId, submitted.status(), links(runId)));
    }

    @Operation(summary = "A run's status, progress and (once completed) ranked results")
    @GetMapping("/{runId}")
    ScreenerRunResponse get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId) {
        return ScreenerRunResponse.of(service.get(jwt.getSubject(), runId));
    }

    @Operation(summary = "Server-sent events: progress, then completed | failed | cancelled; 429 when the user or the "
            + "run holds the most streams allowed")
    @GetMapping(path = "/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId) {
        service.get(jwt.getSubject(), runId);
        return events.open(jwt.getSubject(), runId);
    }

    @Operation(summary = "Cancel a queued or running run")
    @DeleteMapping("/{runId}")
    ResponseEntity<RunAcceptedResponse> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID runId) {
        service.cancel(jwt.getSubject(), runId);
        return ResponseEntity.accepted().body(new RunAcceptedResponse(runId, RunStatus.CANCELLED, links(runId)));
    }

    static Map<String, String> links(UUID runId) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", BASE + "/" + runId);
        links.put("events", BASE + "/" + runId + "/events");
        return links;
    }

    record RunAcceptedResponse(UUID runId, RunStatus status, Map<String, String> links) {
    }
}
