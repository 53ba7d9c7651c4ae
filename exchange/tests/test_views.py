"""Who may use the imports and exports: coordinators only."""

import pytest
from django.test import Client
from django.urls import reverse

from exchange.models import ImportBatch

from .helpers import csv_bytes, upload
from .sample import make_import_batch


def pages(batch: ImportBatch) -> list[str]:
    return [
        reverse("exchange:manage"),
        reverse("exchange:export", args=["organisations", "csv"]),
        reverse("exchange:export", args=["meetings", "json"]),
        reverse("exchange:template", args=["offers", "xlsx"]),
        reverse("exchange:import-preview", args=[batch.pk]),
    ]


def test_the_public_is_sent_to_the_login(client: Client, demo):
    for url in pages(make_import_batch()):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_members_are_refused(member_client: Client, demo):
    batch = make_import_batch()
    for url in pages(batch):
        assert member_client.get(url).status_code == 403, url
    content = csv_bytes("slug,name\ntestverein-beispiel,Testverein Beispiel\n")
    response = member_client.post(
        reverse("exchange:import"), {"kind": "organisations", "file": upload("o.csv", content)}
    )
    assert response.status_code == 403
    assert member_client.post(reverse("exchange:import-confirm", args=[batch.pk])).status_code == 403
    assert ImportBatch.objects.get().status == "pending"


def test_coordinators_may(coordinator_client: Client, coordinator):
    for url in pages(make_import_batch(coordinator)):
        assert coordinator_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "url",
    [
        ("exchange:export", ["people", "csv"]),
        ("exchange:export", ["offers", "pdf"]),
        ("exchange:template", ["meetings", "csv"]),
        ("exchange:template", ["offers", "json"]),
        ("exchange:import-preview", [999999]),
    ],
)
def test_unknown_things_are_not_found(coordinator_client: Client, url):
    name, args = url
    assert coordinator_client.get(reverse(name, args=args)).status_code == 404


def test_state_changes_are_posted(coordinator_client: Client, coordinator):
    batch = make_import_batch(coordinator)
    assert coordinator_client.get(reverse("exchange:import")).status_code == 405
    assert coordinator_client.get(reverse("exchange:import-confirm", args=[batch.pk])).status_code == 405


def test_the_page_lists_the_exports_and_the_uploads_waiting(coordinator_client: Client, coordinator):
    make_import_batch(coordinator)

    html = coordinator_client.get(reverse("exchange:manage")).content.decode()

    assert reverse("exchange:export", args=["offers", "xlsx"]) in html
    assert "beispiel.csv" in html
    assert "personal data for members only" in html
    assert 'aria-current="page">Imports and exports</a>' in html


def test_old_uploads_are_deleted_with_the_next(coordinator_client: Client, coordinator, settings):
    old = make_import_batch(coordinator)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=old.created_at.replace(year=2020))
    content = csv_bytes("slug,name\ntestverein-beispiel,Testverein Beispiel\n")

    coordinator_client.post(
        reverse("exchange:import"), {"kind": "organisations", "file": upload("o.csv", content)}
    )

    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert ImportBatch.objects.count() == 1


def test_the_preview_makes_a_fixed_number_of_queries(client: Client, coordinator, assert_fixed_query_count):
    client.force_login(coordinator)
    batch = make_import_batch(coordinator)

    def add_rows(n: int) -> None:
        rows = batch.rows + [
            [
                len(batch.rows) + 2 + i,
                {"slug": f"test-{len(batch.rows) + i}", "name": f"Test {len(batch.rows) + i}"},
            ]
            for i in range(n)
        ]
        from exchange import imports

        plan, _importer = imports.check("organisations", ["slug", "name"], rows)
        ImportBatch.objects.filter(pk=batch.pk).update(rows=rows, plan=plan.as_json())
        batch.rows = rows

    assert_fixed_query_count(reverse("exchange:import-preview", args=[batch.pk]), add_rows)


def test_the_page_makes_a_fixed_number_of_queries(client: Client, coordinator, assert_fixed_query_count):
    client.force_login(coordinator)
    assert_fixed_query_count(
        reverse("exchange:manage"), lambda n: [make_import_batch(coordinator) for _ in range(n)]
    )
