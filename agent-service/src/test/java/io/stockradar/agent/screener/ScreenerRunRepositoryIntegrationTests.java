package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The conditional state changes that keep two instances on one database from running a run twice. */
class ScreenerRunRepositoryIntegrationTests extends IntegrationTestSupport {

    private static final ScreenerRunRequest REQUEST = new ScreenerRunRequest("KOSPI200", null, null, "composite", 20);

    @Autowired
    ScreenerRunRepository runs;

    @Test
    void onlyTheAcceptingInstanceClaimsARunAndOnlyOnce() {
        UUID id = queued("instance-a");

        assertThat(runs.claim(id, "instance-b", Instant.now())).isFalse();
        assertThat(runs.claim(id, "instance-a", Instant.now())).isTrue();
        assertThat(runs.claim(id, "instance-a", Instant.now())).isFalse();
        assertThat(runs.status(id)).contains(RunStatus.RUNNING);
    }

    @Test
    void cancelAndCompletionHaveExactlyOneWinner() {
        UUID cancelledFirst = queued("instance-a");
        runs.claim(cancelledFirst, "instance-a", Instant.now());
        assertThat(runs.cancel(cancelledFirst, "owner", Instant.now())).isTrue();
        assertThat(runs.progress(cancelledFirst, 1, 2, "ANALYZING")).isFalse();
        assertThat(runs.complete(cancelledFirst, List.of(), List.of(), regime(), LocalDate.now(), "demo", 0, Instant.now()))
                .isFalse();
        assertThat(runs.status(cancelledFirst)).contains(RunStatus.CANCELLED);

        UUID completedFirst = queued("instance-a");
        runs.claim(completedFirst, "instance-a", Instant.now());
        assertThat(runs.complete(completedFirst, List.of(), List.of(), regime(), LocalDate.now(), "demo", 0, Instant.now()))
                .isTrue();
        assertThat(runs.cancel(completedFirst, "owner", Instant.now())).isFalse();
        assertThat(runs.status(completedFirst)).contains(RunStatus.COMPLETED);
    }

    @Test
    void onlyTheOwnerSeesOrCancelsARun() {
        UUID id = queued("instance-a");

        assertThat(runs.findForUser(id, "owner")).isPresent();
        assertThat(runs.findForUser(id, "someone-else")).isEmpty();
        assertThat(runs.cancel(id, "someone-else", Instant.now())).isFalse();
        assertThat(runs.status(id)).contains(RunStatus.QUEUED);
    }

    @Test
    void aRestartFailsOnlyTheUnfinishedRunsOfThatInstance() {
        UUID queued = queued("instance-restarting");
        UUID running = queued("instance-restarting");
        runs.claim(running, "instance-restarting", Instant.now());
        UUID other = queued("instance-other");

        assertThat(runs.failUnfinished("instance-restarting", "interrupted", Instant.now())).isEqualTo(2);

        assertThat(runs.status(queued)).contains(RunStatus.FAILED);
        assertThat(runs.status(running)).contains(RunStatus.FAILED);
        assertThat(runs.status(other)).contains(RunStatus.QUEUED);
    }

    private UUID queued(String instance) {
        UUID id = UUID.randomUUID();
        runs.insertQueued(id, "owner", "KOSPI200", REQUEST, instance, Instant.now());
        return id;
    }

    private static RunRegime regime() {
        return new RunRegime("KR", "NEUTRAL", "NORMAL", 50);
    }
}
