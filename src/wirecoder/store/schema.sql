-- wirecoder store, schema version 6. Applied with CREATE ... IF NOT EXISTS, so an older store gains new tables.
-- Version 2 added event mentions (then called events), 3 their date and place, 4 canonical events: the mentions
-- table was renamed (Store._migrate) and the events table now holds one row per real-world happening; 5 the
-- near-duplicate articles (article_signatures, article_bands); 6 each event's url and sources, kept with it.

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

-- The copies stage (wirecoder.copies): each article's MinHash signature and the canonical article it copies.
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id  VARCHAR PRIMARY KEY,
    shingles    INTEGER NOT NULL,        -- distinct 5-word shingles of the body
    minhash     UINTEGER[] NOT NULL,
    copy_of     VARCHAR,                 -- the canonical (first stored) article this one copies, NULL for originals
    similarity  DOUBLE                   -- estimated containment of the shorter text in the longer one
);

-- Locality-sensitive hashing: one row per (article, band of its signature); articles sharing a bucket are
-- candidates for copies of each other.
CREATE TABLE IF NOT EXISTS article_bands (
    bucket      BIGINT NOT NULL,
    article_id  VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS article_bands_bucket ON article_bands (bucket);

CREATE TABLE IF NOT EXISTS rejections (
    input_hash  VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,        -- read | decode | parse | clean
    code        VARCHAR NOT NULL,        -- E1xx read/decode/parse, E2xx clean; see wirecoder.errors
    message     VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);

-- One row per coded event mention (wirecoder.records.Event). Character offsets refer to the article body joined
-- with blank lines (Article.text). source/target/attribution: STRUCT(code, name, country, sector, text, start, "end").
CREATE TABLE IF NOT EXISTS mentions (
    id                   VARCHAR PRIMARY KEY,  -- hash of article id, sentence, trigger and actor offsets
    article_id           VARCHAR NOT NULL,
    sentence_index       INTEGER NOT NULL,
    sentence             VARCHAR NOT NULL,
    source               STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER),
    target               STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER),
    associates           STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER)[] NOT NULL,
    action               STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER) NOT NULL,
    cameo                VARCHAR NOT NULL,     -- CAMEO event code, 3 or 4 digits
    cameo_root           VARCHAR NOT NULL,     -- 01..20
    quad_class           TINYINT NOT NULL,     -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein            DOUBLE NOT NULL,
    plover_type          VARCHAR,
    plover_mode          VARCHAR,
    acled_event_type     VARCHAR,
    acled_sub_event_type VARCHAR,
    fatalities           INTEGER,
    modality             VARCHAR NOT NULL,     -- asserted | negated | hypothetical | future | claimed
    attribution          STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER),
    confidence           DOUBLE NOT NULL,
    coded_at             TIMESTAMP NOT NULL,
    schema_version       INTEGER NOT NULL
);

-- Schema version 3: each mention's own date and place. ADD COLUMN IF NOT EXISTS upgrades an older store in place
-- (mentions coded before the upgrade keep NULLs; re-code them by ingesting into a new store).
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS "date" DATE;             -- when the event happened
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS date_precision TINYINT;  -- 1 day, 2 week, 3 month
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS date_span STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER);
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS location STRUCT(
    name VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
    country VARCHAR, admin1 VARCHAR, feature VARCHAR, "precision" TINYINT);  -- where it happened; NULL unknown

-- Schema version 4: which real-world event each mention reports (NULL for negated and hypothetical mentions).
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS event_id VARCHAR;
CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id);

-- Schema version 5: mentions of an earlier act given as background ("a week after a missile strike killed 11",
-- "the two men had first met in May"); they report nothing new and join no event.
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT false;

-- One row per real-world event: the mentions that report it (across articles) merged by wirecoder.cluster.
-- Fields come from the best-evidenced mention (see Store.refresh_events); counts from all of them.
CREATE TABLE IF NOT EXISTS events (
    id                   VARCHAR PRIMARY KEY,  -- the id of the event's first mention
    "date"               DATE,
    date_precision       TINYINT,
    source               STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER),
    target               STRUCT(code VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, text VARCHAR,
                                "start" INTEGER, "end" INTEGER),
    cameo                VARCHAR NOT NULL,
    cameo_root           VARCHAR NOT NULL,
    quad_class           TINYINT NOT NULL,
    goldstein            DOUBLE NOT NULL,
    plover_type          VARCHAR,
    plover_mode          VARCHAR,
    acled_event_type     VARCHAR,
    acled_sub_event_type VARCHAR,
    fatalities           INTEGER,              -- the lowest figure a mention gives (ACLED's conservative count)
    location             STRUCT(name VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER, geonameid BIGINT,
                                lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR, feature VARCHAR,
                                "precision" TINYINT),
    modality             VARCHAR NOT NULL,
    num_mentions         INTEGER NOT NULL,
    num_articles         INTEGER NOT NULL,
    num_sources          INTEGER NOT NULL,     -- distinct publishers (or sources when the publisher is unknown)
    first_seen           DATE,                 -- earliest and latest publication date of its articles
    last_seen            DATE,
    confidence           DOUBLE NOT NULL,
    mention_id           VARCHAR NOT NULL,     -- the best-evidenced mention: the fields above are its own
    article_id           VARCHAR NOT NULL,
    sentence             VARCHAR NOT NULL,
    added                TIMESTAMP NOT NULL,
    updated              TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS events_block ON events (quad_class, "date");

-- Schema version 6: what every listing of events shows, kept with the event instead of looked up at each read
-- (Store._refresh_events writes them; Store._migrate fills them in an older store).
ALTER TABLE events ADD COLUMN IF NOT EXISTS url VARCHAR;        -- the best mention's article: its URL, else its source
ALTER TABLE events ADD COLUMN IF NOT EXISTS sources VARCHAR[];  -- the outlets reporting it (publisher, else source)
