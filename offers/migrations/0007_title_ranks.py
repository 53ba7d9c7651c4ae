"""PostgreSQL: offers_search_title_ranks(tsquery) replaces offers_search_title_matches(tsquery).
A relevance search reads the offers with every word in a title already ranked, in the query
that finds them, instead of finding them and then ranking them in a second one. Like
offers_search_matches(), it reads through the GIN index even when many offers match."""

from django.db import migrations

TITLE_RANKS = (
    "CREATE FUNCTION offers_search_title_ranks(query tsquery) RETURNS TABLE (offer_id bigint, rank real)"
    " LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT i.offer_id, ts_rank(i.titles, query) FROM offers_search_index i WHERE i.titles @@ query $$"
)
TITLE_MATCHES = (
    "CREATE FUNCTION offers_search_title_matches(query tsquery) RETURNS TABLE (offer_id bigint)"
    " LANGUAGE sql STABLE SET enable_seqscan = off"
    " AS $$ SELECT i.offer_id FROM offers_search_index i WHERE i.titles @@ query $$"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS offers_search_title_matches(tsquery)")
        schema_editor.execute(TITLE_RANKS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS offers_search_title_ranks(tsquery)")
        schema_editor.execute(TITLE_MATCHES)


class Migration(migrations.Migration):
    dependencies = [("offers", "0006_imported_offers")]

    operations = [migrations.RunPython(forwards, backwards)]
