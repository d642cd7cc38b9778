package io.stockradar.common.event;

/**
 * Kafka topic and header names shared by producers and consumers. A breaking change to a payload is
 * a new topic version ({@code .v2}), never an edit of an existing one.
 */
public final class Topics {

    /** Published by agent-service when a screener run completes; key = userId. */
    public static final String ANALYSIS_COMPLETED_V1 = "stockradar.analysis-completed.v1";

    /** Poison messages from {@link #ANALYSIS_COMPLETED_V1}, with the reason and original offset in headers. */
    public static final String ANALYSIS_COMPLETED_V1_DLT = ANALYSIS_COMPLETED_V1 + ".dlt";

    /** Published by auth-service when an account is deleted; key = userId. */
    public static final String USER_DELETED_V1 = "stockradar.user-deleted.v1";

    /** Poison messages from {@link #USER_DELETED_V1}. */
    public static final String USER_DELETED_V1_DLT = USER_DELETED_V1 + ".dlt";

    /** Header a consumer adds to a dead letter: the root cause, readable without a stack trace. */
    public static final String HEADER_DLT_REASON = "stockradar-dlt-reason";

    /** Header carrying the event's id, so consumers can deduplicate before parsing the payload. */
    public static final String HEADER_EVENT_ID = "stockradar-event-id";

    /** Header carrying the payload's schema version. */
    public static final String HEADER_SCHEMA_VERSION = "stockradar-schema-version";

    /**
     * Header naming the service that produced the record, its {@code spring.application.name}
     * ({@link #PRODUCER_AUTH_SERVICE}, {@link #PRODUCER_AGENT_SERVICE}). Consumers accept a topic's records only from
     * its producer ({@link EventProvenance}). A header can be forged by anyone who may write the topic: the
     * enforcement is the cluster's ACLs (only the producing service's Kafka user may write each topic); the header
     * catches a misconfigured or compromised other service and makes the origin visible in every record.
     */
    public static final String HEADER_PRODUCER = "stockradar-producer";

    /** Producer of {@link #USER_DELETED_V1}. */
    public static final String PRODUCER_AUTH_SERVICE = "auth-service";

    /** Producer of {@link #ANALYSIS_COMPLETED_V1} (and of its own internal work topic). */
    public static final String PRODUCER_AGENT_SERVICE = "agent-service";

    private Topics() {
    }
}
