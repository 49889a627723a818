-- Polybius store, situation layer (schema version 2, clusters.win_lo/win_hi since 3).
-- Per-report facts are replaced with their report, the merged tables (clusters, talks,
-- control_places, claims) are recomputed only for the keys a written batch touches.

-- one event, many reports: each stored event belongs to exactly one cluster
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id VARCHAR PRIMARY KEY,
    event_type VARCHAR,
    location_name VARCHAR,
    admin1 VARCHAR,
    country VARCHAR,
    start_date DATE,
    end_date DATE,
    n_events INTEGER,
    n_sources INTEGER,
    record JSON NOT NULL,
    win_lo DATE,  -- latest first day of its dated members' windows (merge.event_window)
    win_hi DATE   -- earliest last day: a new event must fit all of them to join
);
-- schema version 2 -> 3 (filled by the migration)
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS win_lo DATE;
ALTER TABLE clusters ADD COLUMN IF NOT EXISTS win_hi DATE;

-- per-report facts: kind = control, talks or impact, key = place key (control) or topic
CREATE TABLE IF NOT EXISTS situation_facts (
    fact_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    key VARCHAR,
    fact_date VARCHAR,
    record JSON NOT NULL
);

-- which talks each talks mention (a situation_facts row of kind 'talks') belongs to
CREATE TABLE IF NOT EXISTS talks_mentions (
    fact_id VARCHAR PRIMARY KEY,
    talks_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS talks (
    talks_id VARCHAR PRIMARY KEY,
    status VARCHAR,
    start_date VARCHAR,
    end_date VARCHAR,
    place VARCHAR,
    record JSON NOT NULL
);

-- who controls each place now (the latest facts), "as of" answers read situation_facts
CREATE TABLE IF NOT EXISTS control_places (
    place_key VARCHAR PRIMARY KEY,
    place VARCHAR,
    admin1 VARCHAR,
    country VARCHAR,
    controller VARCHAR,
    change VARCHAR,
    as_of VARCHAR,
    record JSON NOT NULL
);

-- scope = the cluster id or place key the claim is about
CREATE TABLE IF NOT EXISTS claims (
    claim_id VARCHAR PRIMARY KEY,
    scope VARCHAR NOT NULL,
    topic VARCHAR,
    contested BOOLEAN,
    record JSON NOT NULL
);

CREATE INDEX IF NOT EXISTS event_clusters_cluster ON event_clusters (cluster_id);
CREATE INDEX IF NOT EXISTS event_clusters_doc ON event_clusters (doc_id);
CREATE INDEX IF NOT EXISTS situation_facts_doc ON situation_facts (doc_id);
CREATE INDEX IF NOT EXISTS situation_facts_kind ON situation_facts (kind, key);
CREATE INDEX IF NOT EXISTS talks_mentions_talks ON talks_mentions (talks_id);
CREATE INDEX IF NOT EXISTS claims_scope ON claims (scope);
CREATE INDEX IF NOT EXISTS events_type_date ON events (event_type, start_date);
CREATE INDEX IF NOT EXISTS clusters_type ON clusters (event_type);
