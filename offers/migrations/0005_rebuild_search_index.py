"""Has PostgreSQL compare the titles to sort by in binary order, as SQLite does. It also
rebuilt the directory's search index (offers/index.py) on a database with offers, which
0009 now does.

An index written before 0004 is wrong in three ways:
- `offers_search_name` has the titles to sort by only in the languages of its time (de, en,
  ar): sorted by name in Farsi, Turkish, Russian or Ukrainian, a search found no offer at all;
- its sort keys now follow each language's alphabet (`sort_key()`), with letters of their own
  that must compare by their code points, not by the server's locale (hence COLLATE "C");
- on SQLite its texts still hold the stop words that searches now leave out on both databases
  (netzwerk/stemming.py), so a word's prefix could find an offer through a stop word there.

The new languages' titles themselves are empty until someone writes them (0004 only added the
columns), and saving them indexes them.

The rebuild itself has moved to 0009 (by way of 0008): it runs today's index code, which
writes the tables that 0008 and 0009 make. Here only the collation is set.
"""

from django.db import migrations

BINARY = 'ALTER TABLE offers_search_name ALTER COLUMN name TYPE text COLLATE "C"'
LOCALE = 'ALTER TABLE offers_search_name ALTER COLUMN name TYPE text COLLATE "default"'


def binary_names(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BINARY)


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LOCALE)


class Migration(migrations.Migration):
    dependencies = [("offers", "0004_farsi_turkish_russian_ukrainian")]

    operations = [migrations.RunPython(binary_names, back)]
