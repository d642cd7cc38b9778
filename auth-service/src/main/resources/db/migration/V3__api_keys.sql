-- Personal API keys. The key itself is shown once at creation and never stored: only its SHA-256 and its
-- public prefix (unique, for the lookup; it is also what lists show so users can tell keys apart).
-- A deleted account takes its keys with it (cascade); revoking a key deletes its row.
create table api_key (
    id           uuid         primary key,
    account_id   uuid         not null references account (id) on delete cascade,
    name         varchar(64)  not null,
    scope        varchar(8)   not null check (scope in ('read', 'full')),
    prefix       varchar(16)  not null,
    key_hash     bytea        not null check (octet_length(key_hash) = 32),
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,              -- updated at most once a minute per key
    constraint api_key_prefix_uq unique (prefix)
);
create index api_key_account_idx on api_key (account_id, created_at);
