-- wirecoder store, schema version 1. Applied with CREATE ... IF NOT EXISTS; later versions add migrations.

CREATE TABLE IF NOT EXISTS schema_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Every input exactly as received, written before any stage runs. status: pending | ingested | rejected.
CREATE TABLE IF NOT EXISTS raw_inputs (
    input_hash   VARCHAR PRIMARY KEY,   -- sha256 of the input's bytes
    source       VARCHAR NOT NULL,      -- path, path:LINE, path#record, <stdin>
    kind         VARCHAR,               -- text | html | jsonl | json | warc (NULL when unreadable)
    size         BIGINT,
    url          VARCHAR,
    received_at  TIMESTAMP NOT NULL,
    content      BLOB,                  -- the raw bytes (NULL when unreadable, too large or keep_raw = false)
    status       VARCHAR NOT NULL,
    article_id   VARCHAR,
    finished_at  TIMESTAMP
);

CREATE TABLE IF NOT EXISTS articles (
    id             VARCHAR PRIMARY KEY,  -- sha256 of normalised title + body, 16 hex digits
    source         VARCHAR NOT NULL,
    publisher      VARCHAR,
    title          VARCHAR,
    published      DATE,
    authors        VARCHAR[] NOT NULL,
    dateline       VARCHAR,
    body           VARCHAR[] NOT NULL,
    boilerplate    VARCHAR[] NOT NULL,
    language       VARCHAR,
    input_hash     VARCHAR NOT NULL,     -- the first raw input that gave this article
    ingested_at    TIMESTAMP NOT NULL,
    schema_version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS rejections (
    input_hash  VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,        -- read | decode | parse | clean
    code        VARCHAR NOT NULL,        -- E1xx read/decode/parse, E2xx clean; see wirecoder.errors
    message     VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);
