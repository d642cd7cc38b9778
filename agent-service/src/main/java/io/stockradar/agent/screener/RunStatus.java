package io.stockradar.agent.screener;

/** Lifecycle of a screener run: QUEUED → RUNNING → COMPLETED | FAILED, or CANCELLED from QUEUED/RUNNING. */
enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
