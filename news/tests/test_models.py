"""When a news item is public: published, due, and not for members only."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from news.models import Post


@pytest.fixture
def posts(make_post) -> dict[str, Post]:
    return {
        "public": make_post("Öffentlich"),
        "members": make_post("Intern", visibility=Post.Visibility.MEMBERS),
        "draft": make_post("Entwurf", days=None),
        "scheduled": make_post("Geplant", days=3),
    }


def titles(queryset) -> set[str]:
    return {post.title_de for post in queryset}


def test_status_follows_the_publication_date(posts) -> None:
    assert posts["public"].status == Post.Status.PUBLISHED
    assert posts["draft"].status == Post.Status.DRAFT
    assert posts["scheduled"].status == Post.Status.SCHEDULED
    assert posts["public"].is_public
    assert not posts["members"].is_public
    assert not posts["draft"].is_public
    assert not posts["scheduled"].is_public


def test_only_published_due_public_news_are_public(posts) -> None:
    assert titles(Post.objects.public()) == {"Öffentlich"}
    assert titles(Post.objects.published()) == {"Öffentlich", "Intern"}


def test_members_see_members_only_news_and_nobody_sees_drafts(posts, member_user, coordinator_user) -> None:
    assert titles(Post.objects.visible_to(AnonymousUser())) == {"Öffentlich"}
    assert titles(Post.objects.visible_to(member_user)) == {"Öffentlich", "Intern"}
    assert titles(Post.objects.visible_to(coordinator_user)) == {"Öffentlich", "Intern"}


def test_a_scheduled_post_appears_when_its_time_comes(posts) -> None:
    Post.objects.filter(pk=posts["scheduled"].pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert "Geplant" in titles(Post.objects.public())


def test_translations_fall_back_to_german(make_post) -> None:
    from django.utils import translation

    post = make_post("Nur auf Deutsch", summary_de="Kurz.")
    with translation.override("ar"):
        assert post.title == "Nur auf Deutsch"
        assert post.summary == "Kurz."
