-- Administrative lock: a locked account cannot sign in or refresh, and its access tokens are refused
-- by this service. Null means not locked.
alter table account add column locked_at timestamptz;

-- Keyset pagination of the admin user list: (created_at, id) is unique and ordered.
create index account_created_idx on account (created_at, id);

-- Transactional outbox: events are written in the same transaction as the change they describe and
-- published to Kafka afterwards by OutboxRelay (at least once; consumers deduplicate on event_id).
create table outbox_event (
    event_id      uuid         primary key,
    topic         varchar(249) not null,
    event_key     varchar(255) not null,
    payload       text         not null,                 -- the event as JSON
    created_at    timestamptz  not null default now(),
    published_at  timestamptz,                           -- set only after the broker acknowledged it
    schema_version integer     not null,
    attempts      integer      not null default 0,
    last_error    varchar(1000)
);
-- The relay's work queue: only unpublished rows, oldest first.
create index outbox_event_pending_idx on outbox_event (created_at) where published_at is null;
