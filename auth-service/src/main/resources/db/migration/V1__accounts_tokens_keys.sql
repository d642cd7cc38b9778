-- Accounts. Uniqueness is the database's job: the *_key columns hold the normalised identifier
-- (Unicode NFKC, lower-cased) computed by the application, and the unique constraints on them decide
-- every race between concurrent signups.
create table account (
    id            uuid         primary key,
    username      varchar(32)  not null,   -- as chosen (NFKC), for display
    username_key  varchar(32)  not null,   -- NFKC + lower-case, for uniqueness and login
    email         varchar(254) not null,   -- as given (NFKC, trimmed)
    email_key     varchar(254) not null,   -- NFKC + lower-case, for uniqueness and login
    password_hash varchar(255) not null,   -- Argon2id PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    roles         text[]       not null default '{USER}',
    created_at    timestamptz  not null default now(),
    constraint account_username_key_uq unique (username_key),
    constraint account_email_key_uq unique (email_key)
);

-- Refresh tokens: only the SHA-256 of the opaque token is stored. A family is one login session;
-- every rotation adds a row to it, and presenting an already rotated token revokes the whole family.
create table refresh_token (
    token_hash  bytea       primary key check (octet_length(token_hash) = 32),
    family_id   uuid        not null,
    account_id  uuid        not null references account (id) on delete cascade,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz,             -- set when this token was exchanged for its successor
    revoked_at  timestamptz              -- set on logout, reuse detection or account changes
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_account_idx on refresh_token (account_id);
create index refresh_token_expires_idx on refresh_token (expires_at);

-- DEV ONLY: the RS256 signing key auth-service generates on first start when no key is configured
-- (STOCKRADAR_JWT_PRIVATE_KEY). Keeping it here lets restarts and several instances share one key.
-- Production configures the key from a secret and never reads this table.
create table signing_key (
    kid             varchar(128) primary key,
    private_key_pem text         not null,   -- PKCS#8 PEM
    created_at      timestamptz  not null default now()
);
