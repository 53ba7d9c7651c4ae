"""The search index of the directory (offers/index.py, offers/search.py): on both databases the
entries of the listed offers, the facets' bitmaps and the titles to sort by; an FTS5 table on
SQLite; tsvectors under GIN indexes on PostgreSQL. No models: only those two modules use these
tables, and Django leaves them alone when it rebuilds a model's table (as SQLite needs for some
changes, dropping indexes it does not know). Offers that exist already are indexed by
`manage.py reindex_offers`."""

from django.db import migrations

BOTH = [
    "CREATE TABLE offers_search_entry ({id} PRIMARY KEY,"
    " valid_from date NULL, valid_until date NULL, facets text NOT NULL)",
    "CREATE INDEX offers_search_entry_from ON offers_search_entry (valid_from)",
    "CREATE INDEX offers_search_entry_until ON offers_search_entry (valid_until)",
    "CREATE TABLE offers_search_facet (name text PRIMARY KEY, offers {blob} NOT NULL)",
    # An offer's title in each language of the site (or the German one), as it sorts.
    "CREATE TABLE offers_search_name (language text NOT NULL, offer_id {id_type} NOT NULL,"
    " name text NOT NULL, PRIMARY KEY (language, offer_id))",
    "CREATE INDEX offers_search_name_order ON offers_search_name (language, name, offer_id)",
    # Sorting by distance reads the coordinates of the matching offers' places.
    "CREATE INDEX offers_location_offer_coordinates ON offers_location (offer_id, latitude, longitude)",
]
SQLITE = [
    *(sql.format(id="offer_id integer", id_type="integer", blob="blob") for sql in BOTH),
    # rowid = offer id. The words are stemmed in Python, so the tokenizer only splits at the
    # spaces between them (and keeps every non-ASCII letter, umlauts and Arabic alike).
    "CREATE VIRTUAL TABLE offers_search USING fts5(title, body, facets, tokenize = 'ascii')",
]
# `vector`: titles (weight A), the rest and the facet tokens; `titles`: titles and facet tokens.
# The functions read them through their GIN indexes even when a query matches many offers:
# PostgreSQL would rather scan the table, and test every vector (ten times slower).
MATCHES = (
    "CREATE FUNCTION offers_search_{name}(query tsquery) RETURNS TABLE (offer_id bigint)"
    " LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT i.offer_id FROM offers_search_index i WHERE i.{column} @@ query $$"
)
POSTGRESQL = [
    *(sql.format(id="offer_id bigint", id_type="bigint", blob="bytea") for sql in BOTH),
    # The texts and vectors live out of line (TOAST): a search reads the ids of many rows and
    # the vectors of a few, so the rows themselves are kept small.
    "CREATE TABLE offers_search_index (offer_id bigint PRIMARY KEY, document text NOT NULL,"
    " vector tsvector NOT NULL, titles tsvector NOT NULL) WITH (toast_tuple_target = 128)",
    *(
        f"ALTER TABLE offers_search_index ALTER COLUMN {column} SET STORAGE EXTERNAL"
        for column in ("document", "vector", "titles")
    ),
    "CREATE INDEX offers_search_index_vector ON offers_search_index USING gin (vector)",
    "CREATE INDEX offers_search_index_titles ON offers_search_index USING gin (titles)",
    MATCHES.format(name="matches", column="vector"),
    MATCHES.format(name="title_matches", column="titles"),
]
TABLES = (
    "offers_search",
    "offers_search_index",
    "offers_search_entry",
    "offers_search_facet",
    "offers_search_name",
)


def create(apps, schema_editor):
    for sql in SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS offers_search_matches(tsquery)")
        schema_editor.execute("DROP FUNCTION IF EXISTS offers_search_title_matches(tsquery)")
    schema_editor.execute("DROP INDEX IF EXISTS offers_location_offer_coordinates")
    for table in TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
