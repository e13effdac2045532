-- People, their roles and shops; browser sessions; API keys; the audit log.
-- Secrets are stored only as hashes: passwords and PINs with bcrypt, tokens and keys with SHA-256
-- (they are long random strings, so a fast hash is enough and lookups stay an index probe).
create table app_user (
    id               bigint generated always as identity primary key,
    username         text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name     text not null,
    password_hash    text,
    badge            text unique,
    pin_hash         text,
    roles            text[] not null check (roles <@ array['ADMIN','SUPERVISOR','PICKER','PACKER','SHOP'] and cardinality(roles) > 0),
    active           boolean not null default true,
    failed_attempts  integer not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- A SHOP user sees the shops listed here and nothing else.
create table app_user_shop (
    user_id  bigint not null references app_user(id) on delete cascade,
    shop_id  bigint not null references shop(id),
    primary key (user_id, shop_id)
);

create table user_session (
    token_hash   text primary key,
    user_id      bigint not null references app_user(id) on delete cascade,
    csrf         text not null,
    via          text not null check (via in ('PASSWORD','BADGE')),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index user_session_user on user_session(user_id);

-- A key belongs to a shop (a channel integration, confined to it and to its scopes) or to a user
-- (a script acting with that user's roles).
create table api_key (
    id            bigint generated always as identity primary key,
    prefix        text not null,            -- the first characters, to recognise a key in lists and logs
    key_hash      text not null unique,
    name          text not null,
    shop_id       bigint references shop(id),
    user_id       bigint references app_user(id) on delete cascade,
    scopes        text[] not null default '{}',
    created_by    text not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    check ((shop_id is null) <> (user_id is null))
);

create table audit_log (
    id       bigint generated always as identity primary key,
    at       timestamptz not null default now(),
    actor    text not null,
    action   text not null,
    target   text,
    detail   jsonb not null default '{}',
    ip       text
);
create index audit_log_at on audit_log(at);
create index audit_log_actor on audit_log(actor, at);
create index audit_log_action on audit_log(action, at);
