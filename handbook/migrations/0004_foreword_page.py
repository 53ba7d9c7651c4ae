"""The handbook's foreword is an editable page of the network (handbook/content.py).

The seed says nothing a foreword could be made of, so the page is created
empty, to be written by the coordinators in the members' area; an empty
foreword is left out of the handbook. A portal that has the page already
keeps it as it is."""

from django.db import migrations

SLUG = "handbuch-vorwort"


def create_foreword(apps, schema_editor):
    Page = apps.get_model("network", "Page")
    if not Page.objects.filter(slug=SLUG).exists():
        Page.objects.create(slug=SLUG, title="Vorwort", title_de="Vorwort", title_en="Foreword", body="", body_de="")


def remove_unwritten_foreword(apps, schema_editor):
    Page = apps.get_model("network", "Page")
    Page.objects.filter(slug=SLUG, body_de="").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("handbook", "0003_builds"),
        ("network", "0005_farsi_turkish_russian_ukrainian"),
    ]

    operations = [migrations.RunPython(create_foreword, remove_unwritten_foreword)]
