package io.stockradar.agent.screener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events for one run: {@code progress} whenever done/total/phase change, then one of
 * {@code completed}, {@code failed} or {@code cancelled}, then the stream ends. It follows the stored
 * run, so it works whichever instance executes the run. One virtual thread per open stream.
 */
@Component
class RunEventStream {

    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);

    private final ScreenerRunRepository runs;
    private final ScreenerProperties properties;

    RunEventStream(ScreenerRunRepository runs, ScreenerProperties properties) {
        this.runs = runs;
        this.properties = properties;
    }

    SseEmitter open(UUID runId) {
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        Thread.ofVirtual().name("run-events-" + runId).start(() -> follow(runId, emitter, open));
        return emitter;
    }

    private void follow(UUID runId, SseEmitter emitter, AtomicBoolean open) {
        String last = null;
        try {
            while (open.get()) {
                ScreenerRun run = runs.find(runId).orElse(null);
                if (run == null) {
                    emitter.complete();
                    return;
                }
                String state = run.status() + "/" + run.done() + "/" + run.total() + "/" + run.phase();
                if (!state.equals(last)) {
                    emitter.send(SseEmitter.event().name("progress").data(new ProgressEvent(runId, run.status(),
                            new ScreenerRunResponse.Progress(run.done(), run.total(), run.phase()))));
                    last = state;
                }
                if (run.status().terminal()) {
                    emitter.send(SseEmitter.event().name(terminalEvent(run.status())).data(new FinalEvent(runId,
                            run.status(), run.results() == null ? 0 : run.results().size(), run.error(),
                            ScreenerRunController.links(runId))));
                    emitter.complete();
                    return;
                }
                Thread.sleep(properties.ssePollInterval().toMillis());
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Event stream of run {} closed: {}", runId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("Event stream of run {} failed", runId, e);
            emitter.completeWithError(e);
        }
    }

    private static String terminalEvent(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            default -> "cancelled";
        };
    }

    record ProgressEvent(UUID runId, RunStatus status, ScreenerRunResponse.Progress progress) {
    }

    record FinalEvent(UUID runId, RunStatus status, int resultCount, String error, Map<String, String> links) {
    }
}
