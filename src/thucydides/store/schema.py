"""The DuckDB schema, versioned: each migration runs once, in order."""

from __future__ import annotations

MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        article_id VARCHAR PRIMARY KEY,
        source VARCHAR,
        url VARCHAR,
        outlet VARCHAR,
        title VARCHAR,
        published DATE,
        format VARCHAR,
        raw_text VARCHAR,
        evidence_text VARCHAR,
        clean_text VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        event_date DATE,
        time_precision INTEGER,
        disorder_type VARCHAR,
        event_type VARCHAR,
        sub_event_type VARCHAR,
        cameo_code VARCHAR,
        plover_type VARCHAR,
        actor1 VARCHAR,
        assoc_actor_1 VARCHAR,
        inter1 INTEGER,
        actor2 VARCHAR,
        assoc_actor_2 VARCHAR,
        inter2 INTEGER,
        interaction INTEGER,
        civilian_targeting BOOLEAN,
        country VARCHAR,
        iso INTEGER,
        iso3 VARCHAR,
        region VARCHAR,
        admin1 VARCHAR,
        admin2 VARCHAR,
        location VARCHAR,
        latitude DOUBLE,
        longitude DOUBLE,
        geo_precision INTEGER,
        geonameid BIGINT,
        fatalities INTEGER,
        injured INTEGER,
        weapons VARCHAR[],
        notes VARCHAR,
        source_count INTEGER,
        confidence DOUBLE,
        record JSON,
        updated_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE event_sources (
        event_id VARCHAR,
        article_id VARCHAR,
        PRIMARY KEY (event_id, article_id)
    );
    """,
    """
    ALTER TABLE articles ADD COLUMN language VARCHAR;
    """,
    """
    ALTER TABLE articles ADD COLUMN author VARCHAR;
    CREATE TABLE article_stories (
        article_id VARCHAR PRIMARY KEY,
        story_id VARCHAR,
        copy_of VARCHAR,
        similarity DOUBLE,
        superseded_by VARCHAR,
        minhash BLOB
    );
    CREATE TABLE article_bands (band_key BIGINT, article_id VARCHAR);
    CREATE INDEX article_bands_key ON article_bands (band_key);
    CREATE TABLE event_history (
        event_id VARCHAR,
        replaced_at TIMESTAMP DEFAULT current_timestamp,
        changed VARCHAR[],
        record JSON
    );
    """,
    # What list pages serve: the record without its evidence, rendered once when written.
    """
    ALTER TABLE events ADD COLUMN listing JSON;
    UPDATE events SET listing = json_merge_patch(record, '{"evidence": null}');
    """,
    # HTML reports: evidence offsets point into the page's source; the page shows the clean
    # text, and these (clean start, raw start, length) runs take each offset there.
    """
    ALTER TABLE articles ADD COLUMN offset_runs INTEGER[][];
    """,
    # Each report's own events (the parts an event is joined from), so a later batch regroups
    # exactly the events it touches; databases from before hold none until `dedup --rebuild`.
    """
    CREATE TABLE event_parts (
        part_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        article_id VARCHAR,
        event_type VARCHAR,
        event_date DATE,
        latitude DOUBLE,
        longitude DOUBLE,
        record JSON
    );
    CREATE INDEX event_parts_event ON event_parts (event_id);
    CREATE INDEX event_parts_article ON event_parts (article_id);
    """,
    # What `watch` knows of each feed and each item it has seen: an item is fetched once, and
    # a restart resumes where the last poll stopped. Times are UTC.
    """
    CREATE TABLE feeds (
        url VARCHAR PRIMARY KEY,
        title VARCHAR,
        etag VARCHAR,
        last_modified VARCHAR,
        last_polled TIMESTAMP,
        last_success TIMESTAMP,
        last_error VARCHAR
    );
    CREATE TABLE feed_items (
        feed_url VARCHAR,
        item_key VARCHAR,
        url VARCHAR,
        title VARCHAR,
        summary VARCHAR,
        published_at TIMESTAMP,
        updated_at TIMESTAMP,
        article_id VARCHAR,
        status VARCHAR,
        error VARCHAR,
        attempts INTEGER,
        fetched_at TIMESTAMP,
        PRIMARY KEY (feed_url, item_key)
    );
    """,
    # The persons each event names as taking part, and each part's as `dedup/people.person_key`
    # writes them: a part joins the stored parts naming the same person whatever their dates.
    """
    ALTER TABLE events ADD COLUMN people VARCHAR[];
    ALTER TABLE event_parts ADD COLUMN people VARCHAR[];
    """,
    # Items are looked up by page as well as by feed and key.
    """
    CREATE INDEX feed_items_url ON feed_items (url);
    """,
]
