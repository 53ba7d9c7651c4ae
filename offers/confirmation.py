"""Keeping offers up to date: confirming that an offer is still valid, the one-click
link for it, and the reminder e-mail to the editors of offers not confirmed for
settings.OFFER_CONFIRMATION_DAYS days (run daily by the task worker, outbox/periodic.py).

When the last reminder for an offer went out is remembered in the audit log
(an entry with the action "confirmation-request" on the offer), so that each
offer is asked about at most once in REQUEST_INTERVAL, however often the job runs."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from members import audit
from members.models import Affiliation, AuditEntry, Person, User
from outbox.services import queue

from .models import Offer

logger = logging.getLogger(__name__)

CONFIRM_SALT = "offers.confirm"
# How long the link in a reminder works.
CONFIRM_MAX_AGE = datetime.timedelta(days=30)
# How often an offer's editors are asked at most.
REQUEST_INTERVAL = datetime.timedelta(days=30)
REQUEST_ACTION = "confirmation-request"
OFFER_TYPE = Offer._meta.label_lower


# Confirming ----------------------------------------------------------------------------------


def is_expired(offer: Offer, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return offer.valid_until is not None and offer.valid_until < today


def stale_filter(today: datetime.date | None = None) -> Q:
    """Offers whose last confirmation is older than OFFER_CONFIRMATION_DAYS, or that were
    never confirmed: the same rule as Offer.needs_confirmation."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.OFFER_CONFIRMATION_DAYS)
    return Q(last_confirmed_on__isnull=True) | Q(last_confirmed_on__lt=cutoff)


def expired_filter(today: datetime.date | None = None) -> Q:
    return Q(valid_until__lt=today or timezone.localdate())


@transaction.atomic
def confirm(offer: Offer, actor: User | None, person: Person | None = None) -> None:
    """The offer is still valid as it is: last confirmed today, with an audit entry.
    `person` is who confirmed through the link of a reminder (they may have no account)."""
    before = audit.snapshot(offer, ["last_confirmed_on"])
    offer.last_confirmed_on = timezone.localdate()
    offer.save(update_fields=["last_confirmed_on", "updated_at"])
    entry = audit.record(
        actor,
        "confirm",
        offer,
        organisation=offer.organisation,
        before=before,
        after=audit.snapshot(offer, ["last_confirmed_on"]),
    )
    if entry is not None and person is not None and not entry.actor_name:
        entry.actor_name = person.email or person.name
        entry.save(update_fields=["actor_name"])


# The one-click link --------------------------------------------------------------------------


def confirm_token(offer: Offer, person: Person) -> str:
    """The signed part of an editor's link to confirm the offer: the offer and the editor."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object([offer.pk, person.pk])


def confirm_url(offer: Offer, person: Person) -> str:
    """The absolute address of the link, in the current language."""
    return settings.SITE_URL + reverse("offers:offer-confirm-link", args=[confirm_token(offer, person)])


@dataclass(frozen=True)
class LinkConfirmation:
    offer: Offer
    person: Person


def editor_affiliations(offer: Offer) -> QuerySet[Affiliation]:
    """The current editors' affiliations with the offer's organisation or the organisation it is part of."""
    organisation_ids = [offer.organisation_id]
    if offer.organisation.parent_id:
        organisation_ids.append(offer.organisation.parent_id)
    return Affiliation.objects.current().filter(
        role=Affiliation.Role.EDITOR,
        organisation_id__in=organisation_ids,
        organisation__left_on__isnull=True,
        person__anonymised_at__isnull=True,
    )


def confirmation_for_token(
    token: str, max_age: datetime.timedelta = CONFIRM_MAX_AGE
) -> LinkConfirmation | None:
    """The offer and editor of a valid link; None if the link is broken or too old, the offer
    is gone, or the person is no longer an editor of it."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        return None
    offer_pk, person_pk = value
    offer = Offer.objects.select_related("organisation__parent").filter(pk=offer_pk).first()
    if offer is None:
        return None
    affiliation = editor_affiliations(offer).select_related("person").filter(person_id=person_pk).first()
    if affiliation is None:
        return None
    return LinkConfirmation(offer=offer, person=affiliation.person)


# The reminders -------------------------------------------------------------------------------


def due_offers(today: datetime.date | None = None) -> QuerySet[Offer]:
    """Offers the public directory shows (active, started, not expired, of a current member)
    that have not been confirmed for OFFER_CONFIRMATION_DAYS days."""
    today = today or timezone.localdate()
    return Offer.objects.public(today).local().filter(stale_filter(today))


def _recently_requested() -> set[int]:
    since = timezone.now() - REQUEST_INTERVAL
    ids = AuditEntry.objects.filter(action=REQUEST_ACTION, object_type=OFFER_TYPE, at__gte=since).values_list(
        "object_id", flat=True
    )
    return {int(pk) for pk in ids if pk.isdigit()}


def _language(code: str) -> str:
    # E-mails are written in the portal's languages only (not in the directory's others).
    return code if code in settings.PORTAL_LANGUAGES else settings.LANGUAGE_CODE


def _editors_by_organisation() -> dict[int, list[Person]]:
    """Every current editor who can be written to, by organisation: one query."""
    editors: dict[int, list[Person]] = defaultdict(list)
    affiliations = (
        Affiliation.objects.current()
        .filter(
            role=Affiliation.Role.EDITOR,
            organisation__left_on__isnull=True,
            person__anonymised_at__isnull=True,
        )
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")
    )
    for affiliation in affiliations:
        editors[affiliation.organisation_id].append(affiliation.person)
    return editors


def send_confirmation_requests() -> int:
    """Asks the editors of offers that need confirming whether they are still valid: one
    e-mail per editor, listing their offers, each with its one-click link. Each offer is
    asked about at most once in REQUEST_INTERVAL. Returns how many e-mails were queued."""
    today = timezone.localdate()
    with transaction.atomic():
        # Locked, so that a second run at the same time waits and then finds them asked.
        offers = list(
            due_offers(today)
            .select_for_update(of=("self",))
            .select_related("organisation__parent")
            .order_by("organisation__name", "title_de", "pk")
        )
        asked = _recently_requested()
        editors = _editors_by_organisation()
        for_person: dict[int, list[Offer]] = defaultdict(list)
        people: dict[int, Person] = {}
        recipients: dict[int, list[str]] = {}
        for offer in offers:
            if offer.pk in asked:
                continue
            organisation = offer.organisation
            found = [*editors.get(organisation.pk, []), *editors.get(organisation.parent_id or 0, [])]
            if not found:
                continue  # nobody to ask; tried again on the next run
            for person in found:
                if offer not in for_person[person.pk]:
                    for_person[person.pk].append(offer)
                    people[person.pk] = person
            recipients[offer.pk] = sorted({person.email for person in found})
        for offer in offers:
            if offer.pk in recipients:
                audit.record(
                    None,
                    REQUEST_ACTION,
                    offer,
                    organisation=offer.organisation,
                    after={"recipients": recipients[offer.pk]},
                )
        for person_pk, person_offers in for_person.items():
            person = people[person_pk]
            _queue_request(person, person_offers)
    if for_person:
        logger.info("asked %s editors to confirm %s offers", len(for_person), len(recipients))
    return len(for_person)


def _period(days: int) -> str:
    """How long an offer may go unconfirmed, in words: "12 months", or "20 days"."""
    months = days // 30
    if months >= 2:
        return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def _queue_request(person: Person, offers: list[Offer]) -> None:
    language = _language(person.language)
    with translation.override(language):
        items = [
            {
                "offer": offer,
                "confirm_url": confirm_url(offer, person),
                "edit_url": settings.SITE_URL + reverse("offers:manage-offer", args=[offer.pk]),
            }
            for offer in offers
        ]
        manage_url = settings.SITE_URL + reverse("offers:manage-offers")
        period = _period(settings.OFFER_CONFIRMATION_DAYS)
    queue(
        "offer-confirmation",
        person.email,
        {
            "person": person,
            "items": items,
            "manage_url": manage_url,
            "period": period,
            "link_days": CONFIRM_MAX_AGE.days,
        },
        language=language,
        purpose="offer-confirmation",
    )
