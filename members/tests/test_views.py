"""The member list and the organisation pages."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from members.models import Organisation, OrganisationKind


def org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def listed(response) -> list[str]:
    return [o.name for _, orgs in response.context["groups"] for o in orgs]


def test_organisation_page_shows_its_sub_units(client, demo):
    awo = org("AWO, Kreisverband Göttingen")
    response = client.get(awo.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    unit = org("AWO/Migrationserstberatung (MEB)")
    assert f'href="{unit.get_absolute_url()}"' in html
    assert escape(unit.name) in html


def test_organisation_page_shows_its_parent(client, demo):
    unit = org("Caritas im GDL Friedland/Jugendclub Kakadu")
    html = client.get(unit.get_absolute_url()).content.decode()
    parent = org("Caritas im GDL Friedland")
    assert f'href="{parent.get_absolute_url()}"' in html


def test_umbrella_page_lists_all_its_units(client, demo):
    html = client.get(org("Stadt Göttingen").get_absolute_url()).content.decode()
    for name in ("Stadt Göttingen (FB Jugend und Soziales)", "Stadt Göttingen, Büro für Integration"):
        assert f'href="{org(name).get_absolute_url()}"' in html


def test_organisation_page_leaves_out_units_that_left(client, demo):
    unit = org("AWO/Migrationserstberatung (MEB)")
    unit.left_on = datetime.date(2020, 1, 1)
    unit.save()
    html = client.get(org("AWO, Kreisverband Göttingen").get_absolute_url()).content.decode()
    assert unit.get_absolute_url() not in html


def test_organisation_page_shows_its_web_site(client, demo):
    organisation = org("Integrationsrat Göttingen")
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert 'href="http://www.integrationsrat.de"' in html


def test_members_list_is_grouped_by_kind(client, demo):
    response = client.get(reverse("members:list"))
    assert response.status_code == 200
    groups = response.context["groups"]
    kinds = [kind for kind, _ in groups]
    assert len(kinds) == len(set(kinds)), "a kind appears as two groups"
    for kind, orgs in groups:
        assert all(o.kind == kind for o in orgs)
    html = response.content.decode()
    for kind in OrganisationKind.objects.all():
        assert escape(kind.name) in html
    # Every member is on the list, once.
    assert sorted(listed(response)) == sorted(Organisation.objects.members().values_list("name", flat=True))
    assert response.context["total"] == Organisation.objects.members().count()


def test_members_list_links_every_member(client, demo):
    html = client.get(reverse("members:list")).content.decode()
    for organisation in Organisation.objects.members():
        assert f'href="{organisation.get_absolute_url()}"' in html, organisation.name


def test_members_list_filtered_by_kind(client, demo):
    youth = OrganisationKind.objects.get(slug="jugend")
    response = client.get(reverse("members:list"), {"kind": "jugend"})
    assert response.status_code == 200
    assert response.context["selected"] == youth
    names = listed(response)
    assert names
    assert set(names) == set(Organisation.objects.members().filter(kind=youth).values_list("name", flat=True))
    html = response.content.decode()
    assert "Jugendhaus Holtenser Berg" in html
    assert "Anatolisches Kulturzentrum" not in html


def test_members_list_links_each_kind(client, demo):
    html = client.get(reverse("members:list")).content.decode()
    for slug in ("beratung", "jugend", "politik"):
        assert re.search(rf'href="({reverse("members:list")})?\?kind={slug}"', html), slug


def test_unknown_kind_is_404(client, demo):
    assert client.get(reverse("members:list"), {"kind": "gibt-es-nicht"}).status_code == 404


def test_members_list_leaves_out_those_who_left(client, demo):
    Organisation.objects.filter(name="Kore e. V.").update(left_on=datetime.date(2019, 12, 31))
    response = client.get(reverse("members:list"))
    assert "Kore e. V." not in listed(response)
    assert "Kore e. V." not in response.content.decode()
    # The page of a former member still answers.
    assert client.get(org("Kore e. V.").get_absolute_url()).status_code == 200


def test_umbrellas_appear_only_as_parents(client, demo):
    response = client.get(reverse("members:list"))
    names = listed(response)
    assert "Internationaler Bund" not in names
    assert "Stadt Göttingen" not in names
    assert "Internationaler Bund/Jugendmigrationsdienst" in names
    assert all(o.is_member for _, orgs in response.context["groups"] for o in orgs)


def test_a_new_member_without_kind_is_listed(client, demo):
    Organisation.objects.create(name="Testorganisation ohne Art", slug="testorganisation-ohne-art")
    response = client.get(reverse("members:list"))
    assert "Testorganisation ohne Art" in listed(response)
    # Members without a kind come last, as one group.
    assert response.context["groups"][-1][0] is None


_numbers = itertools.count(1)


def _add_organisations(n: int) -> None:
    kinds = list(OrganisationKind.objects.all())
    for _ in range(n):
        i = next(_numbers)
        parent = Organisation.objects.create(
            name=f"Testorganisation {i}", slug=f"testorganisation-{i}", kind=kinds[i % len(kinds)]
        )
        Organisation.objects.create(
            name=f"Testorganisation {i}/Testeinheit",
            slug=f"testorganisation-{i}-testeinheit",
            parent=parent,
            kind=kinds[(i + 1) % len(kinds)],
            website=f"https://test{i}.example.org",
        )
        OrganisationKind.objects.create(slug=f"testart-{i}", name=f"Testart {i}", position=50 + i)
        Organisation.objects.create(
            name=f"Testorganisation {i} neu",
            slug=f"testorganisation-{i}-neu",
            kind=OrganisationKind.objects.get(slug=f"testart-{i}"),
        )


@pytest.mark.parametrize("query", ["", "?kind=beratung"])
def test_members_list_makes_a_fixed_number_of_queries(demo, assert_fixed_query_count, query):
    assert_fixed_query_count(reverse("members:list") + query, _add_organisations)


def _add_units(n: int) -> None:
    parent = org("AWO, Kreisverband Göttingen")
    for _ in range(n):
        i = next(_numbers)
        Organisation.objects.create(name=f"Testeinheit {i}", slug=f"testeinheit-{i}", parent=parent)


def test_organisation_page_makes_a_fixed_number_of_queries(demo, assert_fixed_query_count):
    assert_fixed_query_count(org("AWO, Kreisverband Göttingen").get_absolute_url(), _add_units)


def test_members_are_listed_alphabetically_whatever_the_case(demo, client):
    """ "Anatolisches …" comes before "AWO, …", on SQLite as on PostgreSQL."""
    response = client.get(reverse("members:list"))
    counselling = next(orgs for kind, orgs in response.context["groups"] if kind and kind.slug == "beratung")
    names = [o.name for o in counselling]
    assert names == sorted(names, key=str.lower)
