"""The coordinators' screens: write, validate, publish, unpublish, delete; each change logged."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.models import AuditEntry, Organisation
from news.models import Post


def form_data(**overrides) -> dict[str, str]:
    data = {
        "title_de": "Sommerfest der Mitglieder",
        "summary_de": "Alle sind eingeladen.",
        "body_de": "Wir feiern **gemeinsam**.",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
        "title_ar": "",
        "summary_ar": "",
        "body_ar": "",
        "slug": "",
        "published_at": "",
        "visibility": "public",
        "organisation": "",
    }
    return {**data, **overrides}


def test_a_coordinator_writes_a_draft(coordinator_client: Client, coordinator_user, network) -> None:
    response = coordinator_client.post(reverse("news:manage-new"), form_data())

    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("news:manage-edit", args=[post.pk])
    assert post.slug == "sommerfest-der-mitglieder"
    assert post.status == Post.Status.DRAFT
    assert post.author == coordinator_user
    entry = AuditEntry.objects.get(object_type="news.post")
    assert entry.action == "create"
    assert entry.changes["title_de"] == [None, "Sommerfest der Mitglieder"]


def test_the_slug_stays_unique(coordinator_client: Client, make_post) -> None:
    make_post(slug="sommerfest-der-mitglieder")
    coordinator_client.post(reverse("news:manage-new"), form_data())
    assert Post.objects.filter(slug="sommerfest-der-mitglieder-2").exists()


def test_a_future_date_schedules_the_post(coordinator_client: Client) -> None:
    later = timezone.localtime() + datetime.timedelta(days=3)
    coordinator_client.post(
        reverse("news:manage-new"), form_data(published_at=later.strftime("%Y-%m-%dT%H:%M"))
    )
    post = Post.objects.get()
    assert post.status == Post.Status.SCHEDULED
    assert not Post.objects.public().exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title_de": ""}, "title_de"),
        ({"body_de": ""}, "body_de"),
        ({"title_en": "Summer party"}, "body_en"),
        ({"body_ar": "نص"}, "title_ar"),
        ({"published_at": "1850-01-01T10:00"}, "published_at"),
        ({"published_at": "kein Datum"}, "published_at"),
        ({"visibility": "everybody"}, "visibility"),
        ({"slug": "kein slug!"}, "slug"),
        ({"title_de": "x" * 201}, "title_de"),
        ({"summary_de": "x" * 501}, "summary_de"),
    ],
)
def test_the_form_says_what_is_wrong(coordinator_client: Client, overrides, field) -> None:
    response = coordinator_client.post(reverse("news:manage-new"), form_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not Post.objects.exists()


def test_a_taken_slug_is_refused(coordinator_client: Client, make_post) -> None:
    make_post(slug="vergeben")
    response = coordinator_client.post(reverse("news:manage-new"), form_data(slug="vergeben"))
    assert "slug" in response.context["form"].errors


def test_only_member_organisations_can_be_chosen(coordinator_client: Client) -> None:
    former = Organisation.objects.create(name="Ehemaliger Testverein", slug="ehemalig", is_member=False)
    response = coordinator_client.post(reverse("news:manage-new"), form_data(organisation=str(former.pk)))
    assert "organisation" in response.context["form"].errors


def test_editing_logs_what_changed(coordinator_client: Client, make_post) -> None:
    post = make_post("Alter Titel", days=None)
    data = form_data(title_de="Neuer Titel", body_de=post.body_de, summary_de="", slug=post.slug)

    response = coordinator_client.post(reverse("news:manage-edit", args=[post.pk]), data)

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title_de == "Neuer Titel"
    entry = AuditEntry.objects.get(object_type="news.post", action="update")
    assert entry.changes == {"title_de": ["Alter Titel", "Neuer Titel"]}


def test_publish_now_and_back_to_draft(coordinator_client: Client, make_post) -> None:
    post = make_post(days=None)

    coordinator_client.post(reverse("news:manage-publish", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert Post.objects.public().filter(pk=post.pk).exists()

    coordinator_client.post(reverse("news:manage-unpublish", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT
    assert AuditEntry.objects.filter(object_type="news.post", action="update").count() == 2


def test_publish_now_publishes_a_scheduled_post_at_once(coordinator_client: Client, make_post) -> None:
    post = make_post(days=10)
    coordinator_client.post(reverse("news:manage-publish", args=[post.pk]))
    post.refresh_from_db()
    assert post.published_at <= timezone.now()


def test_publishing_twice_changes_nothing(coordinator_client: Client, make_post) -> None:
    post = make_post(days=-3)
    published_at = post.published_at
    response = coordinator_client.post(reverse("news:manage-publish", args=[post.pk]), follow=True)
    post.refresh_from_db()
    assert post.published_at == published_at
    assert not AuditEntry.objects.exists()
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["news:manage-publish", "news:manage-unpublish"])
def test_actions_take_post_only(coordinator_client: Client, make_post, name) -> None:
    post = make_post()
    assert coordinator_client.get(reverse(name, args=[post.pk])).status_code == 405


def test_delete_asks_first_then_deletes(coordinator_client: Client, make_post) -> None:
    post = make_post("Zu löschen")
    url = reverse("news:manage-delete", args=[post.pk])

    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Zu löschen" in page.content.decode()
    assert Post.objects.filter(pk=post.pk).exists()

    response = coordinator_client.post(url)
    assert response["Location"] == reverse("news:manage-list")
    assert not Post.objects.filter(pk=post.pk).exists()
    entry = AuditEntry.objects.get(object_type="news.post", action="delete")
    assert entry.object_repr == "Zu löschen"


def test_the_list_shows_every_status(coordinator_client: Client, make_post) -> None:
    make_post("Ein Entwurf", days=None)
    make_post("Eine geplante Meldung", days=2)
    make_post("Eine interne Meldung", visibility=Post.Visibility.MEMBERS)
    html = coordinator_client.get(reverse("news:manage-list")).content.decode()
    for title in ("Ein Entwurf", "Eine geplante Meldung", "Eine interne Meldung"):
        assert title in html
    # Drafts first.
    assert html.index("Ein Entwurf") < html.index("Eine interne Meldung")


def test_the_list_makes_a_fixed_number_of_queries(
    client: Client, coordinator_user, make_post, assert_fixed_query_count
) -> None:
    client.force_login(coordinator_user)
    organisation = Organisation.objects.create(name="Testverein Beispiel", slug="testverein", is_member=True)

    def add_rows(n: int) -> None:
        for _ in range(n):
            make_post(organisation=organisation, author=coordinator_user)
            make_post(days=None)

    assert_fixed_query_count(reverse("news:manage-list"), add_rows)


@pytest.mark.parametrize("name", ["news:manage-list", "news:manage-new"])
def test_members_may_not_manage_news(member_client: Client, name) -> None:
    assert member_client.get(reverse(name)).status_code == 403


def test_members_may_not_publish(member_client: Client, make_post) -> None:
    post = make_post(days=None)
    assert member_client.post(reverse("news:manage-publish", args=[post.pk])).status_code == 403
    post.refresh_from_db()
    assert post.status == Post.Status.DRAFT


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get(reverse("news:manage-list"))
    assert response.status_code == 302
    assert reverse("members:login") in response["Location"]
