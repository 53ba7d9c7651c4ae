"""Every URL pattern of the portal with an example URL, for tests that must cover every page.

    from tests.urls_helper import iter_url_patterns

    for example in iter_url_patterns():  # or iter_url_patterns("en")
        response = client.get(example.url)
        assert response.status_code < 500, example

Example values are taken from the database, so it needs data: the demo, and a
row of each model whose pages have an object in their address. The `site`
fixture of tests/security/conftest.py makes both.

The patterns come from Django's URL resolver, walked recursively, so a page
added anywhere (an app's urls.py, the admin, a new ModelAdmin) is included
without editing a list. A pattern that takes arguments gets example values:

- from EXAMPLES, by "<url name>.<argument>" (e.g. "members:organisation.slug"),
  then by "<namespace>:*.<argument>", then by the argument's name alone;
- for the admin's object pages, the primary key of the first object of the
  model named in the path.

A pattern with an argument that has no example raises MissingUrlExample, which
fails the test and names the pattern: add an example to EXAMPLES. Nothing is
skipped silently.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.regex_helper import normalize


class MissingUrlExample(LookupError):
    pass


@dataclass(frozen=True)
class UrlExample:
    name: str  # "members:organisation"; the route for a pattern without a name
    namespace: str  # "members"
    route: str  # "de/members/<slug:slug>/"
    url: str  # "/de/members/awo-kreisverband/"
    callback: Callable

    @property
    def is_admin(self) -> bool:
        return self.namespace == admin.site.name

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"


def _first(queryset: models.QuerySet, field: str = "pk") -> Any:
    value = queryset.values_list(field, flat=True).first()
    if value is None:
        raise MissingUrlExample(f"there is no {queryset.model._meta.label} in the database")
    return value


def _model_in_admin_route(route: str) -> type[models.Model]:
    # "admin/<app_label>/<model_name>/<path:object_id>/change/"
    parts = route.split("/")
    return apps.get_model(parts[1], parts[2])


def _organisation(route: str) -> str:
    return _first(apps.get_model("members", "Organisation").objects.filter(is_member=True), "slug")


def _page(route: str) -> str:
    return _first(apps.get_model("network", "Page").objects, "slug")


def _pk(app_label: str, model_name: str) -> Callable[[str], Any]:
    return lambda route: _first(apps.get_model(app_label, model_name).objects)


# Example values, looked up by "<url name>.<argument>", then "<namespace>:*.<argument>",
# then "<argument>". Each is called with the route, after the test's data is loaded.
EXAMPLES: dict[str, Callable[[str], Any]] = {
    "network:page.slug": _page,
    "members:organisation.slug": _organisation,
    "members:logo.slug": _organisation,
    "meetings:detail.pk": _pk("meetings", "Meeting"),
    "meetings:ics.pk": _pk("meetings", "Meeting"),
    "meetings:minutes-year.year": lambda route: _first(apps.get_model("meetings", "Minutes").objects, "year"),
    "meetings:minutes-document.pk": lambda route: _first(
        apps.get_model("meetings", "Minutes").objects.order_by("-document"), "pk"
    ),
    # meetings: planning
    # An attachment is reached through its own meeting.
    "meetings:agenda-attachment.pk": lambda route: _first(
        apps.get_model("meetings", "AgendaAttachment").objects, "item__meeting_id"
    ),
    "meetings:agenda-attachment.attachment_pk": _pk("meetings", "AgendaAttachment"),
    "meetings:manage-meeting.pk": _pk("meetings", "Meeting"),
    "meetings:manage-meeting-cancel.pk": _pk("meetings", "Meeting"),
    "meetings:manage-place.pk": _pk("meetings", "Place"),
    "meetings:manage-agenda-item-new.pk": _pk("meetings", "Meeting"),
    "meetings:manage-agenda-item.pk": _pk("meetings", "AgendaItem"),
    "meetings:manage-agenda-item-delete.pk": _pk("meetings", "AgendaItem"),
    "meetings:manage-agenda-item-up.pk": _pk("meetings", "AgendaItem"),
    "meetings:manage-agenda-item-down.pk": _pk("meetings", "AgendaItem"),
    "meetings:manage-agenda-attachment-new.pk": _pk("meetings", "AgendaItem"),
    "meetings:manage-agenda-attachment-delete.pk": _pk("meetings", "AgendaAttachment"),
    # meetings: proposals
    "meetings:proposal.pk": _pk("meetings", "TopicProposal"),
    "meetings:proposal-withdraw.pk": _pk("meetings", "TopicProposal"),
    "meetings:proposal-support.pk": _pk("meetings", "TopicProposal"),
    "meetings:proposal-unsupport.pk": _pk("meetings", "TopicProposal"),
    "meetings:proposal-accept.pk": _pk("meetings", "TopicProposal"),
    "meetings:proposal-decline.pk": _pk("meetings", "TopicProposal"),
    # meetings: invitations
    # The upcoming sample meeting with its invitation, and a valid reply link for that invitation.
    "meetings:manage-invitations.pk": lambda route: _first(
        apps.get_model("meetings", "Invitation").objects.order_by("-meeting__starts_at"), "meeting_id"
    ),
    "meetings:manage-invitations-send.pk": lambda route: _first(
        apps.get_model("meetings", "Invitation").objects.order_by("-meeting__starts_at"), "meeting_id"
    ),
    "meetings:reply.token": lambda route: import_string("meetings.invitations.reply_token")(
        apps.get_model("meetings", "Invitation").objects.order_by("-meeting__starts_at").first()
    ),
    "meetings:personal-calendar.key": lambda route: _first(
        apps.get_model("meetings", "CalendarFeed").objects, "key"
    ),
    # meetings: attendance
    "meetings:manage-attendance.pk": _pk("meetings", "Meeting"),
    "meetings:manage-attendance-add.pk": _pk("meetings", "Meeting"),
    "meetings:manage-sign-in-sheet.pk": _pk("meetings", "Meeting"),
    # meetings: minutes
    # offers: public
    # A public offer: only those have a page.
    "offers:detail.pk": lambda route: _first(apps.get_model("offers", "Offer").objects.public()),
    # offers: manage
    "offers:manage-offer.pk": _pk("offers", "Offer"),
    "offers:manage-offer-confirm.pk": _pk("offers", "Offer"),
    # A made-up token shows the page for a link that is not valid.
    "offers:offer-confirm-link.token": lambda route: "not-a-valid-token",
    # offers: lists
    "offers:manage-term-new.taxonomy": lambda route: "topic",
    "offers:manage-term.pk": _pk("offers", "Term"),
    "offers:manage-language.code": lambda route: _first(apps.get_model("offers", "Language").objects, "code"),
    # offers: hsds
    "offers:hsds-service.pk": lambda route: _first(apps.get_model("offers", "Offer").objects.public()),
    "offers:hsds-organization.slug": _organisation,
    # api: open data API (api/v1.py): objects the API shows, so that their answers are 200.
    "api-v1:organisation.slug": lambda route: _first(
        apps.get_model("members", "Organisation").objects.members(), "slug"
    ),
    "api-v1:offer.pk": lambda route: _first(apps.get_model("offers", "Offer").objects.public()),
    "api-v1:meeting.pk": _pk("meetings", "Meeting"),
    "api-v1:minutes.pk": lambda route: _first(
        apps.get_model("meetings", "Minutes").objects.filter(visibility="public", status="approved")
    ),
    # Minutes that are not approved yet: the only ones whose edit pages open.
    "meetings:minutes-detail.pk": _pk("meetings", "Minutes"),
    "meetings:manage-minutes-start.pk": lambda route: _first(
        apps.get_model("meetings", "Meeting").objects.filter(minutes__isnull=True)
    ),
    **{
        f"meetings:manage-minutes-{name}.pk": lambda route: _first(
            apps.get_model("meetings", "Minutes").objects.exclude(status="approved")
        )
        for name in ("edit", "preview", "send", "approve", "revisions")
    },
    "meetings:manage-action-item-done.pk": _pk("meetings", "ActionItem"),
    # handbook:
    # The demo's 2nd edition: it has no PDF, so its addresses answer 404, as they should.
    "handbook:download.number": lambda route: _first(apps.get_model("handbook", "Edition").objects, "number"),
    "handbook:download.variant": lambda route: "de-a4",
    "handbook:document.number": lambda route: _first(apps.get_model("handbook", "Edition").objects, "number"),
    "handbook:manage-build-retry.number": lambda route: _first(
        apps.get_model("handbook", "Edition").objects, "number"
    ),
    "handbook:manage-build-retry.variant": lambda route: "de-a4",
    # news: the newest news item; the demo has none (the seed has no news), and then a made-up
    # address answers 404, as it should.
    "news:*.slug": lambda route: (
        apps.get_model("news", "Post").objects.values_list("slug", flat=True).first() or "no-such-news"
    ),
    "news:*.pk": lambda route: (
        apps.get_model("news", "Post").objects.values_list("pk", flat=True).first() or 0
    ),
    # federation: the first neighbouring network; the demo has none, and then a made-up id answers 404.
    "federation:*.pk": lambda route: (
        apps.get_model("federation", "Neighbour").objects.values_list("pk", flat=True).first() or 0
    ),
    # exchange: an export, an import template, and the first upload; the demo has none, and
    # then a made-up id answers 404.
    "exchange:*.kind": lambda route: "offers",
    "exchange:*.format": lambda route: "csv",
    "exchange:*.pk": lambda route: (
        apps.get_model("exchange", "ImportBatch").objects.values_list("pk", flat=True).first() or 0
    ),
    # Links from e-mails: a made-up token shows the page for a link that is not valid.
    "members:invitation.token": lambda route: "not-a-valid-token",
    "members:password-reset-confirm.uidb64": lambda route: "MQ",
    "members:password-reset-confirm.token": lambda route: "not-a-valid-token",
    # The members' area.
    "members:manage-organisation.slug": _organisation,
    "members:manage-organisation-leave.slug": _organisation,
    "members:manage-organisation-log.slug": _organisation,
    "members:manage-contacts.slug": _organisation,
    "members:manage-unit-new.slug": _organisation,
    "members:manage-contact-new.slug": _organisation,
    "members:manage-contact.pk": _pk("members", "Affiliation"),
    "members:manage-contact-end.pk": _pk("members", "Affiliation"),
    "members:manage-person.pk": _pk("members", "Person"),
    "members:manage-person-invite.pk": _pk("members", "Person"),
    "members:manage-person-anonymise.pk": _pk("members", "Person"),
    "members:manage-leadership-term.pk": _pk("network", "LeadershipTerm"),
    "members:manage-page.slug": _page,
    # The admin: an app's index, an object's pages, "view on site", and the catch-all.
    "admin:app_list.app_label": lambda route: "members",
    "admin:*.object_id": lambda route: _first(_model_in_admin_route(route).objects),
    "admin:*.id": lambda route: _first(_model_in_admin_route(route).objects),
    "admin:*.pk": lambda route: _first(_model_in_admin_route(route).objects),
    "admin:view_on_site.content_type_id": lambda route: (
        ContentType.objects.get_for_model(apps.get_model("members", "Organisation")).pk
    ),
    "admin:view_on_site.object_id": lambda route: _first(apps.get_model("members", "Organisation").objects),
    "admin:*.url": lambda route: "no-such-page/",
}


def _example_value(name: str, namespace: str, argument: str, route: str) -> Any:
    for key in (f"{name}.{argument}", f"{namespace}:*.{argument}", argument):
        if key in EXAMPLES:
            try:
                return EXAMPLES[key](route)
            except MissingUrlExample as missing:
                raise MissingUrlExample(
                    f"URL pattern {name!r} ({route}): {missing}; the test's data must have one "
                    "(for tests/security: the `site` fixture in tests/security/conftest.py)"
                ) from None
    raise MissingUrlExample(
        f"URL pattern {name!r} ({route}) takes the argument {argument!r}, which has no example value: "
        f"add '{name}.{argument}' to EXAMPLES in tests/urls_helper.py"
    )


def _walk(
    patterns: list, prefix: list, namespaces: list[str]
) -> Iterator[tuple[list, list[str], URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, [*prefix, entry.pattern], inner)
        else:
            yield [*prefix, entry.pattern], namespaces, entry


def iter_url_patterns(language: str | None = None) -> Iterator[UrlExample]:
    """(name, route, example URL, view) of every URL pattern, in the given language (default: German)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        for pieces, namespaces, pattern in _walk(get_resolver().url_patterns, [], []):
            route = "".join(str(piece) for piece in pieces)
            namespace = ":".join(namespaces)
            name = ":".join([*namespaces, pattern.name]) if pattern.name else route
            url = "/"
            for piece in pieces:
                converters = getattr(piece, "converters", {})
                template, arguments = normalize(piece.regex.pattern)[0]
                values = {}
                for argument in arguments:
                    value = _example_value(name, namespace, argument, route)
                    converter = converters.get(argument)
                    values[argument] = converter.to_url(value) if converter else str(value)
                url += template % values
            match = resolve(url)
            if match.func is not pattern.callback:
                raise MissingUrlExample(
                    f"the example URL {url} of {name!r} ({route}) leads to another view, "
                    f"{match.view_name!r}: give it an example value in EXAMPLES in tests/urls_helper.py "
                    "that only it matches"
                )
            yield UrlExample(name=name, namespace=namespace, route=route, url=url, callback=pattern.callback)
