"""News items of every kind, synthetic, for tests that visit every page (the access test)."""

import datetime

from django.utils import timezone

from news.models import Post

# Target (as in members/tests/test_access.py) -> how the news item is published.
KINDS = {
    "public": {"visibility": Post.Visibility.PUBLIC, "days": -1},
    "members-only": {"visibility": Post.Visibility.MEMBERS, "days": -1},
    "draft": {"visibility": Post.Visibility.PUBLIC, "days": None},
    "scheduled": {"visibility": Post.Visibility.PUBLIC, "days": 7},
}


def sample_post(kind: str) -> Post:
    """The sample news item of this kind, made once."""
    settings = KINDS[kind]
    days = settings["days"]
    post, _created = Post.objects.get_or_create(
        slug=f"testneuigkeit-{kind}",
        defaults={
            "title_de": f"Testneuigkeit {kind}",
            "title_en": f"Test news {kind}",
            "body_de": "Ein Beispieltext.",
            "body_en": "An example text.",
            "visibility": settings["visibility"],
            "published_at": None if days is None else timezone.now() + datetime.timedelta(days=days),
        },
    )
    return post
