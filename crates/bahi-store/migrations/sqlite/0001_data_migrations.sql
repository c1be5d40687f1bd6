-- Bookkeeping for data migrations (Rust code that rewrites rows; see bahi_store::migrate::data).
-- SQLite lets a TEXT primary key hold NULL unless told otherwise, so NOT NULL is spelled out.
CREATE TABLE data_migrations (
    id            TEXT    NOT NULL PRIMARY KEY,
    description   TEXT    NOT NULL,
    rows_affected BIGINT  NOT NULL,
    applied_at    TEXT    NOT NULL
);
