-- Polybius store, schema version 1. Every statement is idempotent (IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    command VARCHAR,
    settings JSON,
    components JSON,
    documents INTEGER,
    rejected INTEGER,
    events INTEGER,
    seconds DOUBLE
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    published VARCHAR,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,
    origin VARCHAR,
    n_events INTEGER,
    run_id VARCHAR,
    stored_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    acled_event_type VARCHAR,
    acled_sub_event_type VARCHAR,
    status VARCHAR,
    actor1_name VARCHAR,
    actor1_country VARCHAR,
    actor2_name VARCHAR,
    actor2_country VARCHAR,
    location_name VARCHAR,
    admin1 VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geo_precision INTEGER,
    start_date DATE,
    end_date DATE,
    time_precision INTEGER,
    fatalities INTEGER,
    evidence_start INTEGER,
    evidence_end INTEGER,
    confidence DOUBLE,
    record JSON NOT NULL,
    run_id VARCHAR
);

CREATE TABLE IF NOT EXISTS rejected (
    failure_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    doc_id VARCHAR,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    content_hash VARCHAR,
    run_id VARCHAR,
    recorded_at TIMESTAMP
);

CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id);
