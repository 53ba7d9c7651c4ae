"""PostgreSQL: the titles' vector moves from `offers_search_index` into a table of its own,
`offers_search_titles`, where it is kept in the row instead of out of line; and
offers_search_match_list(tsquery) gives the matches' ids as one text.

Why. A search by relevance ranks the offers with every word in a title (ts_rank of their
titles' vector). Out of line (TOAST), each vector cost four more pages to read: at 100,000
offers, 7 ms for the 1,134 with "Beratung" in a title and the topic filter, 48 to 87 ms for
the 8,630 with the word alone (not all of those vectors stay in PostgreSQL's buffers). In the
row, the scan that finds them has the vector at hand: 3.3 and 15 ms. Kept in the rows of `offers_search_index`, the titles would have made that
table eight times as long, and the search for the matches reads nearly all of it.

A search reads the ids of the matches as one text (faster to read than rows). Joined in the
function, they no longer pass through the rows that offers_search_matches() returns: 1 ms
less for 6,782 matches.

Rebuilding the index, which this migration took over from 0005, has moved on to 0009: the
index code that it runs now writes a table of 0009 too.
"""

from django.db import migrations

TITLES = [
    "CREATE TABLE offers_search_titles (offer_id bigint PRIMARY KEY, titles tsvector NOT NULL)",
    # In the row (compressed there only if the row is over 2 kB).
    "ALTER TABLE offers_search_titles ALTER COLUMN titles SET STORAGE MAIN",
    "CREATE INDEX offers_search_titles_vector ON offers_search_titles USING gin (titles)",
    "ALTER TABLE offers_search_index DROP COLUMN titles",
    "CREATE OR REPLACE FUNCTION offers_search_title_ranks(query tsquery)"
    " RETURNS TABLE (offer_id bigint, rank real) LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT t.offer_id, ts_rank(t.titles, query) FROM offers_search_titles t"
    " WHERE t.titles @@ query $$",
    "CREATE FUNCTION offers_search_match_list(query tsquery) RETURNS text"
    " LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT string_agg(i.offer_id::text, ',') FROM offers_search_index i WHERE i.vector @@ query $$",
]
# Back to the layout of 0002 and 0007.
BACK = [
    "DROP FUNCTION offers_search_match_list(tsquery)",
    "ALTER TABLE offers_search_index ADD COLUMN titles tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE offers_search_index ALTER COLUMN titles DROP DEFAULT, ALTER COLUMN titles SET STORAGE EXTERNAL",
    "UPDATE offers_search_index i SET titles = t.titles FROM offers_search_titles t WHERE t.offer_id = i.offer_id",
    "CREATE INDEX offers_search_index_titles ON offers_search_index USING gin (titles)",
    "CREATE OR REPLACE FUNCTION offers_search_title_ranks(query tsquery)"
    " RETURNS TABLE (offer_id bigint, rank real) LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT i.offer_id, ts_rank(i.titles, query) FROM offers_search_index i"
    " WHERE i.titles @@ query $$",
    "DROP TABLE offers_search_titles",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in TITLES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACK:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("offers", "0007_title_ranks")]

    operations = [migrations.RunPython(forwards, backwards)]
