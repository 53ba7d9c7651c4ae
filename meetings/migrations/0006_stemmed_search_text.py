"""Makes Minutes.search_text again, as the stems the archive search now looks for
(meetings/search.py) instead of the texts themselves. Backwards, the texts again."""

from django.db import migrations

from meetings.search import search_text_of

BATCH = 200


def _texts(minutes) -> list[str]:
    """What the search looks in, as Minutes.searched_texts() gives it (no methods here)."""
    parts = [minutes.title, minutes.body, minutes.document_text]
    for item in minutes.items.all():
        parts += [item.title, item.discussion, item.decisions]
    parts += [action.what for action in minutes.action_items.all()]
    return [part for part in parts if part]


def _write(apps, make) -> None:
    Minutes = apps.get_model("meetings", "Minutes")
    changed = []
    for minutes in Minutes.objects.prefetch_related("items", "action_items").iterator(chunk_size=BATCH):
        minutes.search_text = make(_texts(minutes))
        changed.append(minutes)
        if len(changed) == BATCH:  # the PDFs' texts are long: a batch at a time in memory
            Minutes.objects.bulk_update(changed, ["search_text"])
            changed = []
    Minutes.objects.bulk_update(changed, ["search_text"])


def stems(apps, schema_editor):
    _write(apps, search_text_of)


def texts(apps, schema_editor):
    _write(apps, "\n".join)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_farsi_turkish_russian_ukrainian")]

    operations = [migrations.RunPython(stems, texts)]
