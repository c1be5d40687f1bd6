-- Bookkeeping for data migrations (Rust code that rewrites rows; see bahi_store::migrate::data).
CREATE TABLE data_migrations (
    id            TEXT        NOT NULL PRIMARY KEY,
    description   TEXT        NOT NULL,
    rows_affected BIGINT      NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL
);
