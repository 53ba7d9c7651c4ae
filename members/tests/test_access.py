"""Who may see and change what: every URL pattern of the project, requested as every role.

The URL patterns come from Django's resolver (tests/urls_helper.py), so a new
page anywhere fails `test_every_url_has_an_expectation` until it has a line in
EXPECTATIONS below, and a new URL argument fails it until it has an example in
EXAMPLES. Pages about one organisation are requested for organisation A (whose
editor is one of the roles) and organisation B (which that editor must not touch).

Each GET and POST runs in a savepoint that is rolled back, so one role's
allowed change does not change what the next role finds.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from exchange.tests.sample import sample_import_batch
from federation.tests.sample import sample_neighbour
from handbook.tests.sample import HandbookSample, make_handbook_sample
from meetings.attendance import tn_list
from meetings.invitations import reply_token
from meetings.models import Meeting, Minutes
from meetings.tests.sample import MeetingSample, make_sample
from members import services
from members.models import Affiliation, AuditEntry, FailedLogin, Organisation, Person, User
from network.models import BarrierReport, LeadershipTerm, Page
from news.tests.sample import sample_post
from offers.confirmation import confirm_token
from offers.tests.manage_sample import OfferSample, make_offer_sample
from tests.security.files import pdf, png
from tests.urls_helper import iter_url_patterns

ROLES = ("anonymous", "outsider", "member", "editor", "coordinator")

# What a request must answer.
OK = "200"
LOGIN = "redirect to login"
DENIED = "403"
GONE = "404"
NOT_ALLOWED = "405"
MOVED = "redirect"  # a redirect elsewhere; the data may or may not change
DONE = "redirect, data changed"  # a POST that did what it was sent for


def row(*answers: str) -> dict[str, str]:
    """What each role gets, in the order of ROLES."""
    assert len(answers) == len(ROLES)
    return dict(zip(ROLES, answers, strict=True))


# ---------------------------------------------------------------------------------------------
# The expectations. Columns:    anonymous outsider  member  editor  coordinator
# (outsider: an account that is no longer a contact person; member: contact person of A;
# editor: contact person and editor of A; coordinator: is_coordinator, not staff.)

EVERYONE = row(OK, OK, OK, OK, OK)
LOGGED_IN = row(LOGIN, OK, OK, OK, OK)
MEMBERS = row(GONE, GONE, OK, OK, OK)
EDITORS = row(LOGIN, DENIED, DENIED, OK, OK)
COORDINATORS = row(LOGIN, DENIED, DENIED, DENIED, OK)
NOBODY = row(GONE, GONE, GONE, GONE, GONE)
LOGGED_OUT = row(OK, MOVED, MOVED, MOVED, MOVED)  # the login page sends the logged-in on
TO_LOGIN = row(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)
MOVES_ALL = row(MOVED, MOVED, MOVED, MOVED, MOVED)
POST_ONLY = row(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
POST_ONLY_LOGGED_IN = row(LOGIN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
# POST
OWN_DATA = row(LOGIN, DONE, DONE, DONE, DONE)
OWN_ACCOUNT = row(LOGIN, MOVED, MOVED, MOVED, MOVED)
EDITORS_CHANGE = row(LOGIN, DENIED, DENIED, DONE, DONE)
COORDINATORS_CHANGE = row(LOGIN, DENIED, DENIED, DENIED, DONE)

# URL name -> target -> (GET, POST). Targets: "A", "B" (the organisations), "-" for none.
# POST is None where a POST changes nothing worth checking here or is open to everyone
# by design (login, the barrier report form, an invitation link: tested in their own files).
EXPECTATIONS: dict[str, dict[str, tuple[dict[str, str], dict[str, str] | None]]] = {
    "health": {"-": (EVERYONE, None)},
    # The public site
    "network:home": {"-": (EVERYONE, None)},
    "network:about": {"-": (EVERYONE, None)},
    "network:principles": {"-": (EVERYONE, None)},
    "network:goals": {"-": (EVERYONE, None)},
    "network:leadership": {"-": (EVERYONE, None)},
    "network:page": {"-": (EVERYONE, None)},
    "network:accessibility": {"-": (EVERYONE, None)},
    "network:barrier-report": {"-": (EVERYONE, None)},
    "network:barrier-report-thanks": {"-": (EVERYONE, None)},
    "network:easy-read": {"-": (EVERYONE, None)},
    "members:list": {"-": (EVERYONE, None)},
    "members:organisation": {"A": (EVERYONE, None), "B": (EVERYONE, None)},
    "members:logo": {"A": (EVERYONE, None), "B": (NOBODY, None)},  # B has no logo
    "meetings:list": {"-": (EVERYONE, None)},
    "meetings:calendar": {"-": (EVERYONE, None)},
    "meetings:detail": {"-": (EVERYONE, None)},
    "meetings:ics": {"-": (EVERYONE, None)},
    "meetings:minutes": {"-": (EVERYONE, None)},
    "meetings:minutes-year": {"-": (EVERYONE, None)},
    "meetings:minutes-document": {"public": (EVERYONE, None), "members-only": (MEMBERS, None)},
    # Accounts
    "members:login": {"-": (LOGGED_OUT, None)},
    "members:login-code": {"-": (TO_LOGIN, None)},  # without a password first
    "members:logout": {"-": (POST_ONLY, MOVES_ALL)},
    "members:invitation": {"-": (EVERYONE, None)},  # the link is the key
    "members:password-reset": {"-": (EVERYONE, MOVES_ALL)},
    "members:password-reset-done": {"-": (EVERYONE, None)},
    "members:password-reset-confirm": {"-": (MOVES_ALL, None)},  # on to the set-password form
    "members:password-reset-complete": {"-": (EVERYONE, None)},
    "members:account": {"-": (LOGGED_IN, None)},
    "members:consent": {"-": (POST_ONLY_LOGGED_IN, OWN_DATA)},
    "members:data-download": {"-": (LOGGED_IN, None)},
    "members:deletion-request": {"-": (POST_ONLY_LOGGED_IN, OWN_DATA)},
    "members:two-factor": {"-": (LOGGED_IN, None)},
    "members:two-factor-start": {"-": (POST_ONLY_LOGGED_IN, OWN_DATA)},
    "members:two-factor-confirm": {"-": (POST_ONLY_LOGGED_IN, OWN_ACCOUNT)},  # no device yet
    "members:two-factor-disable": {"-": (POST_ONLY_LOGGED_IN, OWN_ACCOUNT)},  # needs a code first
    # The members' area
    "members:dashboard": {"-": (LOGGED_IN, None)},
    "members:manage-organisations": {"-": (COORDINATORS, None)},
    "members:manage-organisation-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-organisation": {
        "A": (EDITORS, EDITORS_CHANGE),
        "B": (COORDINATORS, COORDINATORS_CHANGE),
    },
    "members:manage-organisation-leave": {
        "A": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
        "B": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
    },
    "members:manage-organisation-log": {"A": (COORDINATORS, None), "B": (COORDINATORS, None)},
    "members:manage-unit-new": {"A": (EDITORS, EDITORS_CHANGE), "B": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-contacts": {"A": (EDITORS, None), "B": (COORDINATORS, None)},
    "members:manage-contact-new": {
        "A": (EDITORS, EDITORS_CHANGE),
        "B": (COORDINATORS, COORDINATORS_CHANGE),
    },
    "members:manage-contact": {"A": (EDITORS, EDITORS_CHANGE), "B": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-contact-end": {
        "A": (POST_ONLY_LOGGED_IN, EDITORS_CHANGE),
        "B": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
    },
    "members:manage-people": {"-": (COORDINATORS, None)},
    "members:manage-person": {
        "A": (COORDINATORS, COORDINATORS_CHANGE),
        "B": (COORDINATORS, COORDINATORS_CHANGE),
    },
    "members:manage-person-invite": {
        "A": (POST_ONLY_LOGGED_IN, EDITORS_CHANGE),
        "B": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
    },
    "members:manage-person-anonymise": {
        "A": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
        "B": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
    },
    "members:manage-leadership": {"-": (COORDINATORS, None)},
    "members:manage-leadership-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-leadership-term": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-pages": {"-": (COORDINATORS, None)},
    "members:manage-page-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-page": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "members:manage-log": {"-": (COORDINATORS, None)},
    # meetings: planning
    "meetings:agenda-attachment": {"-": (MEMBERS, None)},  # working papers
    "meetings:manage-meetings": {"-": (COORDINATORS, None)},
    "meetings:manage-meeting-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-meetings-plan": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-meeting": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-meeting-cancel": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-places": {"-": (COORDINATORS, None)},
    "meetings:manage-place-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-place": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-agenda-item-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-agenda-item": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-agenda-item-delete": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # The sample's agenda has one item: moving it changes nothing, for the coordinator either.
    "meetings:manage-agenda-item-up": {"-": (POST_ONLY_LOGGED_IN, row(LOGIN, DENIED, DENIED, DENIED, MOVED))},
    "meetings:manage-agenda-item-down": {
        "-": (POST_ONLY_LOGGED_IN, row(LOGIN, DENIED, DENIED, DENIED, MOVED))
    },
    "meetings:manage-agenda-attachment-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-agenda-attachment-delete": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # meetings: proposals
    "meetings:proposals": {"-": (EVERYONE, None)},  # proposals themselves for members only
    "meetings:proposal-new": {"-": (row(LOGIN, DENIED, OK, OK, OK), row(LOGIN, DENIED, DONE, DONE, DONE))},
    "meetings:proposal": {"-": (row(LOGIN, GONE, OK, OK, OK), None)},
    # The member proposed c.sample.proposal and supports it: only they may withdraw it, their own
    # support is ignored, and only they have a support to take back.
    "meetings:proposal-withdraw": {"-": (POST_ONLY_LOGGED_IN, row(LOGIN, GONE, DONE, DENIED, DENIED))},
    "meetings:proposal-support": {"-": (POST_ONLY_LOGGED_IN, row(LOGIN, GONE, MOVED, DONE, DONE))},
    "meetings:proposal-unsupport": {"-": (POST_ONLY_LOGGED_IN, row(LOGIN, GONE, DONE, MOVED, MOVED))},
    "meetings:proposal-accept": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:proposal-decline": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    # meetings: invitations
    "meetings:manage-invitations": {"-": (COORDINATORS, None)},
    "meetings:manage-invitations-send": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # The signed link is the key: anyone who has it answers for its invitation, no login.
    "meetings:reply": {"-": (EVERYONE, row(DONE, DONE, DONE, DONE, DONE))},
    "meetings:personal-calendar": {"-": (EVERYONE, None)},  # the secret address is the key
    "meetings:calendar-feed-renew": {"-": (POST_ONLY_LOGGED_IN, OWN_DATA)},
    "members:language": {"-": (POST_ONLY_LOGGED_IN, OWN_DATA)},
    # meetings: attendance
    "meetings:manage-attendance": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-attendance-add": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "meetings:manage-sign-in-sheet": {"-": (COORDINATORS, None)},
    "meetings:manage-attendance-overview": {"-": (COORDINATORS, None)},
    # meetings: minutes
    # offers: public
    "offers:search": {"-": (EVERYONE, None)},
    "offers:detail": {"-": (EVERYONE, None)},  # an active offer of A, a member
    # offers: manage
    "offers:manage-offers": {"-": (EDITORS, None)},
    "offers:manage-offer-new": {"-": (EDITORS, EDITORS_CHANGE)},
    "offers:manage-offer": {"A": (EDITORS, EDITORS_CHANGE), "B": (COORDINATORS, COORDINATORS_CHANGE)},
    "offers:manage-offer-confirm": {
        "A": (POST_ONLY_LOGGED_IN, EDITORS_CHANGE),
        "B": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
    },
    # The signed link in the reminder is the key: anyone who has it confirms A's offer, no login.
    "offers:offer-confirm-link": {"-": (EVERYONE, row(DONE, DONE, DONE, DONE, DONE))},
    # offers: lists
    "offers:manage-terms": {"-": (COORDINATORS, None)},
    "offers:manage-term-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "offers:manage-term": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "offers:manage-language-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "offers:manage-language": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    # offers: hsds
    # Open data: only public offers and organisations' public fields, the same for everyone.
    "offers:hsds-services": {"-": (EVERYONE, None)},
    "offers:hsds-service": {"A": (EVERYONE, None), "B": (EVERYONE, None)},  # active offers of members
    "offers:hsds-organizations": {"-": (EVERYONE, None)},
    "offers:hsds-organization": {"A": (EVERYONE, None), "B": (EVERYONE, None)},
    # api: feeds
    # Meetings and public minutes only, the same for everyone (api/tests/test_feed.py).
    "api:feed": {"-": (EVERYONE, None)},
    # api: open data API (api/v1.py)
    # Read-only and the same for everyone, logged in or not (api/tests/test_api_*.py): members-only
    # minutes and drafts ("-": the sample's) are not found, not even by members and coordinators.
    "api-v1:index": {"-": (EVERYONE, None)},
    "api-v1:openapi-json": {"-": (EVERYONE, None)},
    "api-v1:openapi-view": {"-": (EVERYONE, None)},
    "api-v1:organisations": {"-": (EVERYONE, None)},
    "api-v1:organisation": {"A": (EVERYONE, None), "B": (EVERYONE, None)},
    "api-v1:offers": {"-": (EVERYONE, None)},
    "api-v1:offer": {"A": (EVERYONE, None), "B": (EVERYONE, None)},
    "api-v1:meetings": {"-": (EVERYONE, None)},
    "api-v1:meeting": {"-": (EVERYONE, None)},
    "api-v1:minutes-list": {"-": (EVERYONE, None)},
    "api-v1:minutes": {"public": (EVERYONE, None), "members-only": (NOBODY, None), "-": (NOBODY, None)},
    # Approved public and members-only minutes, and ("-") the sample's draft: for coordinators only.
    "meetings:minutes-detail": {
        "public": (EVERYONE, None),
        "members-only": (MEMBERS, None),
        "-": (NOBODY | {"coordinator": OK}, None),
    },
    "meetings:manage-minutes": {"-": (COORDINATORS, None)},
    "meetings:manage-minutes-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-minutes-start": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "meetings:manage-minutes-edit": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    # The preview shows the form's data and saves nothing.
    "meetings:manage-minutes-preview": {"-": (POST_ONLY_LOGGED_IN, row(LOGIN, DENIED, DENIED, DENIED, OK))},
    "meetings:manage-minutes-send": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "meetings:manage-minutes-approve": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-minutes-revisions": {"-": (COORDINATORS, None)},
    "meetings:manage-minutes-import": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "meetings:manage-action-item-done": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # handbook:
    # The handbook holds only public data: its finished PDFs, and an older edition's uploaded
    # document, are for everyone; a PDF that failed has nothing to download.
    "handbook:download": {"done": (EVERYONE, None), "failed": (NOBODY, None)},
    "handbook:document": {"-": (EVERYONE, None)},
    "handbook:manage-editions": {"-": (COORDINATORS, None)},
    "handbook:manage-edition-new": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # A finished PDF is not printed again: the coordinator is sent back, nothing changes.
    "handbook:manage-build-retry": {
        "failed": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE),
        "done": (POST_ONLY_LOGGED_IN, row(LOGIN, DENIED, DENIED, DENIED, MOVED)),
    },
    # news: published public news for everyone, members-only news for members; drafts and
    # scheduled news only coordinators open, to preview them (news/tests/test_public.py).
    "news:list": {"-": (EVERYONE, None)},
    "news:feed": {"-": (EVERYONE, None)},
    "news:detail": {
        "public": (EVERYONE, None),
        "members-only": (MEMBERS, None),
        "draft": (NOBODY | {"coordinator": OK}, None),
        "scheduled": (NOBODY | {"coordinator": OK}, None),
    },
    "news:manage-list": {"-": (COORDINATORS, None)},
    "news:manage-new": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "news:manage-edit": {"public": (COORDINATORS, COORDINATORS_CHANGE)},
    "news:manage-publish": {"draft": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "news:manage-unpublish": {"public": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "news:manage-delete": {"public": (COORDINATORS, COORDINATORS_CHANGE)},
    # federation: coordinators keep the neighbouring networks. Adding one asks its API over the
    # network, so that POST is tested in federation/tests/test_views.py.
    "federation:manage-neighbours": {"-": (COORDINATORS, None)},
    "federation:manage-neighbour-new": {"-": (COORDINATORS, None)},
    "federation:manage-neighbour": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "federation:manage-neighbour-delete": {"-": (COORDINATORS, COORDINATORS_CHANGE)},
    "federation:manage-neighbour-import": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    # exchange: imports and exports, with contact people: coordinators only.
    "exchange:manage": {"-": (COORDINATORS, None)},
    "exchange:export": {"-": (COORDINATORS, None)},
    "exchange:template": {"-": (COORDINATORS, None)},
    "exchange:import": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
    "exchange:import-preview": {"-": (COORDINATORS, None)},
    "exchange:import-confirm": {"-": (POST_ONLY_LOGGED_IN, COORDINATORS_CHANGE)},
}
# The admin, every page of it: only for staff. The others are sent to the login
# (admin:logout sends them to the admin's index, which sends them to the login).
ADMIN_NAMESPACE = "admin"

# Expectations the implementation does not meet yet: (URL name, target) -> why.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# ---------------------------------------------------------------------------------------------
# The cast and example values for the URLs' arguments.


@dataclass
class Cast:
    users: dict[str, User | None]
    organisation: dict[str, Organisation]
    contact: dict[str, Affiliation] = field(default_factory=dict)
    person: dict[str, Person] = field(default_factory=dict)
    minutes: dict[str, Minutes] = field(default_factory=dict)
    term: LeadershipTerm | None = None
    page: Page | None = None
    meeting: Meeting | None = None
    invitation_token: str = ""
    reset_user: User | None = None
    # The meeting cycle's objects; the member's person is invited, attends and proposes.
    sample: MeetingSample | None = None
    # offers: manage — an offer of A and of B, a list entry, a language.
    offers: OfferSample | None = None
    # handbook: an edition with a finished and a failed PDF, and the demo's 2nd edition uploaded.
    handbook: HandbookSample | None = None


Example = Callable[[Cast, str], object]


def _reset_uid(cast: Cast, target: str) -> str:
    return urlsafe_base64_encode(force_bytes(cast.reset_user.pk))


# URL name -> argument -> example value for (cast, target). Keyed by URL name, so that
# a new URL with an argument needs an example of its own.
EXAMPLES: dict[str, dict[str, Example]] = {
    "network:page": {"slug": lambda c, t: c.page.slug},
    "members:organisation": {"slug": lambda c, t: c.organisation[t].slug},
    "members:logo": {"slug": lambda c, t: c.organisation[t].slug},
    "members:invitation": {"token": lambda c, t: c.invitation_token},
    "members:password-reset-confirm": {
        "uidb64": _reset_uid,
        "token": lambda c, t: default_token_generator.make_token(c.reset_user),
    },
    "members:manage-organisation": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-organisation-leave": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-organisation-log": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-contacts": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-unit-new": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-contact-new": {"slug": lambda c, t: c.organisation[t].slug},
    "members:manage-contact": {"pk": lambda c, t: c.contact[t].pk},
    "members:manage-contact-end": {"pk": lambda c, t: c.contact[t].pk},
    "members:manage-person": {"pk": lambda c, t: c.person[t].pk},
    "members:manage-person-invite": {"pk": lambda c, t: c.person[t].pk},
    "members:manage-person-anonymise": {"pk": lambda c, t: c.person[t].pk},
    "members:manage-leadership-term": {"pk": lambda c, t: c.term.pk},
    "members:manage-page": {"slug": lambda c, t: c.page.slug},
    "meetings:detail": {"pk": lambda c, t: c.meeting.pk},
    "meetings:ics": {"pk": lambda c, t: c.meeting.pk},
    "meetings:minutes-year": {"year": lambda c, t: c.minutes["public"].year},
    "meetings:minutes-document": {"pk": lambda c, t: c.minutes[t].pk},
    # meetings: planning
    "meetings:agenda-attachment": {
        "pk": lambda c, t: c.sample.meeting.pk,
        "attachment_pk": lambda c, t: c.sample.attachment.pk,
    },
    "meetings:manage-meeting": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:manage-meeting-cancel": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:manage-place": {"pk": lambda c, t: c.sample.place.pk},
    "meetings:manage-agenda-item-new": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:manage-agenda-item": {"pk": lambda c, t: c.sample.agenda_item.pk},
    "meetings:manage-agenda-item-delete": {"pk": lambda c, t: c.sample.agenda_item.pk},
    "meetings:manage-agenda-item-up": {"pk": lambda c, t: c.sample.agenda_item.pk},
    "meetings:manage-agenda-item-down": {"pk": lambda c, t: c.sample.agenda_item.pk},
    "meetings:manage-agenda-attachment-new": {"pk": lambda c, t: c.sample.agenda_item.pk},
    "meetings:manage-agenda-attachment-delete": {"pk": lambda c, t: c.sample.attachment.pk},
    # meetings: proposals
    "meetings:proposal": {"pk": lambda c, t: c.sample.proposal.pk},
    "meetings:proposal-withdraw": {"pk": lambda c, t: c.sample.proposal.pk},
    "meetings:proposal-support": {"pk": lambda c, t: c.sample.proposal.pk},
    "meetings:proposal-unsupport": {"pk": lambda c, t: c.sample.proposal.pk},
    "meetings:proposal-accept": {"pk": lambda c, t: c.sample.proposal.pk},
    "meetings:proposal-decline": {"pk": lambda c, t: c.sample.proposal.pk},
    # meetings: invitations
    "meetings:manage-invitations": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:manage-invitations-send": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:reply": {"token": lambda c, t: reply_token(c.sample.invitation)},
    "meetings:personal-calendar": {"key": lambda c, t: c.sample.calendar_feed.key},
    # meetings: attendance
    "meetings:manage-attendance": {"pk": lambda c, t: c.sample.past_meeting.pk},
    "meetings:manage-attendance-add": {"pk": lambda c, t: c.sample.past_meeting.pk},
    "meetings:manage-sign-in-sheet": {"pk": lambda c, t: c.sample.meeting.pk},
    # meetings: minutes
    # offers: public
    "offers:detail": {
        "pk": lambda c, t: apps.get_model("offers", "Offer").objects.get(title_de="Testangebot Zugang").pk
    },
    # offers: manage
    "offers:manage-offer": {"pk": lambda c, t: c.offers.offer[t].pk},
    "offers:manage-offer-confirm": {"pk": lambda c, t: c.offers.offer[t].pk},
    "offers:offer-confirm-link": {
        "token": lambda c, t: confirm_token(c.offers.offer["A"], c.users["editor"].person)
    },
    # offers: lists
    "offers:manage-term-new": {"taxonomy": lambda c, t: "topic"},
    "offers:manage-term": {"pk": lambda c, t: c.offers.term.pk},
    "offers:manage-language": {"code": lambda c, t: c.offers.language.code},
    # offers: hsds
    "offers:hsds-service": {"pk": lambda c, t: c.offers.offer[t].pk},
    "offers:hsds-organization": {"slug": lambda c, t: c.organisation[t].slug},
    "meetings:minutes-detail": {
        "pk": lambda c, t: c.minutes[t].pk if t in c.minutes else c.sample.minutes.pk
    },
    # api: open data API
    "api-v1:organisation": {"slug": lambda c, t: c.organisation[t].slug},
    "api-v1:offer": {"pk": lambda c, t: c.offers.offer[t].pk},
    "api-v1:meeting": {"pk": lambda c, t: c.meeting.pk},
    "api-v1:minutes": {"pk": lambda c, t: c.minutes[t].pk if t in c.minutes else c.sample.minutes.pk},
    "meetings:manage-minutes-start": {"pk": lambda c, t: c.sample.meeting.pk},
    "meetings:manage-minutes-edit": {"pk": lambda c, t: c.sample.minutes.pk},
    "meetings:manage-minutes-preview": {"pk": lambda c, t: c.sample.minutes.pk},
    "meetings:manage-minutes-send": {"pk": lambda c, t: c.sample.minutes.pk},
    "meetings:manage-minutes-approve": {"pk": lambda c, t: c.sample.minutes.pk},
    "meetings:manage-minutes-revisions": {"pk": lambda c, t: c.sample.minutes.pk},
    "meetings:manage-action-item-done": {"pk": lambda c, t: c.sample.action_item.pk},
    # handbook:
    "handbook:download": {
        "number": lambda c, t: c.handbook.edition.number,
        "variant": lambda c, t: getattr(c.handbook, t).variant,
    },
    "handbook:document": {"number": lambda c, t: c.handbook.uploaded.number},
    # news: the sample news item of each kind (news/tests/sample.py), made when first asked for.
    "news:detail": {"slug": lambda c, t: sample_post(t).slug},
    **{
        f"news:manage-{name}": {"pk": lambda c, t: sample_post(t).pk}
        for name in ("edit", "publish", "unpublish", "delete")
    },
    "handbook:manage-build-retry": {
        "number": lambda c, t: c.handbook.edition.number,
        "variant": lambda c, t: getattr(c.handbook, t).variant,
    },
    # federation: the sample neighbour (federation/tests/sample.py), made when first asked for.
    **{
        f"federation:manage-neighbour{name}": {"pk": lambda c, t: sample_neighbour().pk}
        for name in ("", "-delete", "-import")
    },
    # exchange: the organisations as CSV; the sample upload (exchange/tests/sample.py).
    "exchange:export": {"kind": lambda c, t: "organisations", "format": lambda c, t: "csv"},
    "exchange:template": {"kind": lambda c, t: "offers", "format": lambda c, t: "xlsx"},
    "exchange:import-preview": {"pk": lambda c, t: sample_import_batch().pk},
    "exchange:import-confirm": {"pk": lambda c, t: sample_import_batch().pk},
}


def _organisation_data(c: Cast, t: str) -> dict:
    organisation = c.organisation[t]
    # Coordinators' form needs name and slug; the editors' form ignores them.
    return {"name": organisation.name, "slug": organisation.slug, "is_member": "on", "description_de": "Neu."}


def _contact_data(c: Cast, t: str) -> dict:
    person = c.contact[t].person
    return {"name": "Geänderter Name", "email": person.email, "role": "contact"}


def _term_data(c: Cast, t: str) -> dict:
    return {
        "person": c.term.person_id,
        "organisation": c.term.organisation_id,
        "started_on": "2020-01-01",
        "position": 9,
    }


def _offer_data(c: Cast, t: str) -> dict:
    return {
        "organisation": c.organisation[t].pk,
        "title_de": f"Geändertes Beispielangebot {t}",
        "status": "active",
        "in_person": "on",
        "places-TOTAL_FORMS": "0",
        "places-INITIAL_FORMS": "0",
    }


# URL name -> the form data of a POST that would change something if it were allowed.
POST_DATA: dict[str, Example] = {
    "members:consent": lambda c, t: {"public_consent": "on"},
    "members:password-reset": lambda c, t: {"email": "zuruecksetzen@example.org"},
    "members:two-factor-confirm": lambda c, t: {"code": "123456"},
    "members:manage-organisation-new": lambda c, t: {
        "name": "Neue Organisation",
        "slug": "neue-organisation",
        "is_member": "on",
    },
    "members:manage-organisation": _organisation_data,
    "members:manage-organisation-leave": lambda c, t: {"left_on": "2025-06-30"},
    "members:manage-contact-new": lambda c, t: {
        "name": "Neue Kontaktperson",
        "email": "neu@example.org",
        "role": "editor",
    },
    "members:manage-contact": _contact_data,
    "members:manage-unit-new": lambda c, t: {"name": f"Neue Einheit von {c.organisation[t].name}"},
    "members:manage-person": lambda c, t: {"name": "Geändert", "email": c.person[t].email, "phone": "1"},
    "members:manage-leadership-new": _term_data,
    "members:manage-leadership-term": _term_data,
    "members:manage-page-new": lambda c, t: {
        "title_de": "Neu",
        "slug": "neu",
        "body_de": "Text",
        "position": 1,
    },
    "members:manage-page": lambda c, t: {
        "title_de": c.page.title_de,
        "slug": c.page.slug,
        "body_de": "Geänderter Text",
        "position": 1,
    },
    # meetings: planning
    "meetings:manage-meeting-new": lambda c, t: {
        "kind": "plenary",
        "topic_de": "Neue Beispielsitzung",
        "date": "2031-05-14",
        "start": "17:00",
        "end": "19:00",
    },
    "meetings:manage-meeting": lambda c, t: {
        "kind": "plenary",
        "topic_de": "Verschobene Beispielsitzung",
        "date": "2031-05-14",
        "start": "17:00",
        "end": "19:00",
        "place": c.sample.place.pk,
    },
    "meetings:manage-meeting-cancel": lambda c, t: {},  # the meeting is in the address
    "meetings:manage-meetings-plan": lambda c, t: {
        "year": 2031,
        "ordinal": 2,
        "weekday": 2,
        "months": [1, 2, 3],
        "start": "17:00",
        "end": "19:00",
    },
    "meetings:manage-place-new": lambda c, t: {"name": "Neues Beispielhaus", "room": "Raum 9"},
    "meetings:manage-place": lambda c, t: {"name": "Beispielhaus", "room": "Raum 2"},
    "meetings:manage-agenda-item-new": lambda c, t: {"title": "Neuer Beispielpunkt"},
    "meetings:manage-agenda-item": lambda c, t: {"title": "Geänderter Beispielpunkt"},
    "meetings:manage-agenda-item-delete": lambda c, t: {},
    "meetings:manage-agenda-item-up": lambda c, t: {},
    "meetings:manage-agenda-item-down": lambda c, t: {},
    # A file that reads whole each time: the same data is posted once per role.
    "meetings:manage-agenda-attachment-new": lambda c, t: {
        "title": "Neue Beispielanlage",
        "file": type("Upload", (), {"name": "anlage.pdf", "read": lambda self: pdf()})(),
    },
    "meetings:manage-agenda-attachment-delete": lambda c, t: {},
    # meetings: proposals
    "meetings:proposal-new": lambda c, t: {
        "title": "Neues Beispielthema",
        "reason": "Weil es noch ein Beispiel ist.",
        "meeting": c.sample.meeting.pk,
    },
    "meetings:proposal-withdraw": lambda c, t: {},  # the proposal is in the address
    "meetings:proposal-support": lambda c, t: {"back": reverse("meetings:proposals")},
    "meetings:proposal-unsupport": lambda c, t: {"back": reverse("meetings:proposals")},
    "meetings:proposal-accept": lambda c, t: {"meeting": c.sample.meeting.pk},
    "meetings:proposal-decline": lambda c, t: {"reason": "Das Thema passt nicht zum Netzwerk."},
    # meetings: invitations
    "meetings:manage-invitations-send": lambda c, t: {"recipients": "all"},
    "meetings:reply": lambda c, t: {"answer": "maybe"},
    "meetings:calendar-feed-renew": lambda c, t: {},  # a new key, nothing to fill in
    "members:language": lambda c, t: {"language": "ar"},
    # meetings: attendance
    # The whole TN list as the form shows it, with the member's record changed to excused.
    "meetings:manage-attendance": lambda c, t: {
        **{row.key: row.initial for row in tn_list(c.sample.past_meeting).rows},
        f"person-{c.sample.attendance.person_id}": "excused",
    },
    # Anna Kontakt of A was neither invited nor recorded: she came without an invitation.
    "meetings:manage-attendance-add": lambda c, t: {"affiliation": c.contact["A"].pk},
    # meetings: minutes
    # offers: public
    # offers: manage
    "offers:manage-offer-new": lambda c, t: _offer_data(c, "A"),
    "offers:manage-offer": lambda c, t: _offer_data(c, t),
    "offers:manage-offer-confirm": lambda c, t: {},  # the offer is in the address
    "offers:offer-confirm-link": lambda c, t: {},  # the link names the offer
    # offers: lists
    "offers:manage-term-new": lambda c, t: {"name_de": "Neues Beispielthema", "slug": "neues-beispielthema"},
    "offers:manage-term": lambda c, t: {"name_de": "Geändertes Beispielthema", "slug": "beispielthema"},
    "offers:manage-language-new": lambda c, t: {"code": "ia", "name_de": "Interlingua", "position": 1},
    "offers:manage-language": lambda c, t: {"name_de": "Geändertes Esperanto", "position": 2},
    # offers: hsds
    "meetings:manage-minutes-new": lambda c, t: {
        "title": "Neues Protokoll",
        "held_on": "2024-05-06",
        "visibility": "members",
        "body": "Text",
    },
    "meetings:manage-minutes-start": lambda c, t: {},
    "meetings:manage-minutes-edit": lambda c, t: {
        "title": "Geändertes Protokoll",
        "visibility": "members",
        "body": "Geänderter Text",
        **{
            f"{prefix}-{count}": "0"
            for prefix in ("items", "actions")
            for count in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    },
    "meetings:manage-minutes-preview": lambda c, t: POST_DATA["meetings:manage-minutes-edit"](c, t),
    "meetings:manage-minutes-send": lambda c, t: {},
    "meetings:manage-minutes-approve": lambda c, t: {"at_meeting": c.sample.meeting.pk},
    "meetings:manage-minutes-import": lambda c, t: {
        "visibility": "members",
        # Every role is sent the same data: a file that gives its whole content at every read.
        "files": type("RewoundFile", (ContentFile,), {"read": lambda f, *a: f.file.getvalue()})(
            pdf(), name="2019-03-14 Protokoll.pdf"
        ),
    },
    "meetings:manage-action-item-done": lambda c, t: {},
    # handbook:
    "handbook:manage-edition-new": lambda c, t: {"languages": ["de"], "paper": "a4"},
    "handbook:manage-build-retry": lambda c, t: {},  # the PDF is in the address
    # news:
    "news:manage-new": lambda c, t: {
        "title_de": "Neue Testneuigkeit",
        "body_de": "Text",
        "visibility": "public",
    },
    "news:manage-edit": lambda c, t: {
        "title_de": "Geänderte Testneuigkeit",
        "body_de": "Text",
        "visibility": "public",
        "slug": sample_post(t).slug,
    },
    "news:manage-publish": lambda c, t: {},  # the news item is in the address
    "news:manage-unpublish": lambda c, t: {},
    "news:manage-delete": lambda c, t: {},
    # federation: the same API address, so that it is not asked again.
    "federation:manage-neighbour": lambda c, t: {
        "name": "Testnetz Nachbar geändert",
        "slug": sample_neighbour().slug,
        "api_url": sample_neighbour().api_url,
        "is_active": "on",
    },
    "federation:manage-neighbour-delete": lambda c, t: {},
    "federation:manage-neighbour-import": lambda c, t: {},
    # exchange: a file that gives its whole content at every read, as each role sends it.
    "exchange:import": lambda c, t: {
        "kind": "organisations",
        "file": type("RewoundFile", (ContentFile,), {"read": lambda f, *a: f.file.getvalue()})(
            b"slug,name\ntestverein-zugang,Testverein Zugang\n", name="organisationen.csv"
        ),
    },
    "exchange:import-confirm": lambda c, t: {},  # the upload is in the address
}


@pytest.fixture
def cast(demo, settings, tmp_path) -> Cast:
    settings.MEDIA_ROOT = tmp_path
    a = Organisation.objects.create(name="Organisation A", slug="organisation-a")
    b = Organisation.objects.create(name="Organisation B", slug="organisation-b")
    a.logo.save("a.png", ContentFile(png()))

    def account(email: str, name: str, **extra) -> User:
        user = User.objects.create_user(email=email, password=None, name=name, **extra)
        Person.objects.create(name=name, email=email, user=user)
        return user

    def affiliate(person: Person, organisation: Organisation, role: str = "contact", **extra) -> Affiliation:
        return Affiliation.objects.create(person=person, organisation=organisation, role=role, **extra)

    outsider = account("ehemalig@example.org", "Olga Ehemalig")
    affiliate(outsider.person, a, ended_on=datetime.date(2024, 1, 31))
    member = account("mitglied-a@example.org", "Mia Mitglied")
    affiliate(member.person, a)
    editor = account("redaktion-a@example.org", "Emil Redaktion")
    affiliate(editor.person, a, role=Affiliation.Role.EDITOR)
    coordinator = account("koordination@example.org", "Cora Koordination", is_coordinator=True)
    # B has an editor of its own, and a contact person like A's.
    affiliate(account("redaktion-b@example.org", "Bea Redaktion").person, b, role=Affiliation.Role.EDITOR)
    contacts = {
        "A": affiliate(Person.objects.create(name="Anna Kontakt", email="anna@example.org"), a),
        "B": affiliate(Person.objects.create(name="Bert Kontakt", email="bert@example.org"), b),
    }
    invited = User.objects.create_user(email="eingeladen@example.org", password=None)
    minutes = {
        "public": Minutes.objects.create(
            title="Öffentlich",
            year=2024,
            visibility=Minutes.Visibility.PUBLIC,
            status=Minutes.Status.APPROVED,
        ),
        "members-only": Minutes.objects.create(
            title="Intern", year=2024, visibility=Minutes.Visibility.MEMBERS, status=Minutes.Status.APPROVED
        ),
    }
    for item in minutes.values():
        item.document.save("protokoll.pdf", ContentFile(pdf()))
    # Rows the admin's example URLs need (tests/urls_helper.py takes the first of each model).
    Group.objects.create(name="Test")
    AuditEntry.objects.create(action="create", object_type="members.organisation", object_repr=b.name)
    BarrierReport.objects.create(description="Der Kontrast ist zu schwach.")
    TOTPDevice.objects.create(user=invited, name="Test", confirmed=False)
    sample = make_sample(member.person, a)
    # offers: manage
    offers = make_offer_sample(a, b)
    # handbook:
    handbook = make_handbook_sample()
    # offers: public
    apps.get_model("offers", "Offer").objects.create(organisation=a, title="Testangebot Zugang")
    return Cast(
        users={
            "anonymous": None,
            "outsider": outsider,
            "member": member,
            "editor": editor,
            "coordinator": coordinator,
        },
        organisation={"A": a, "B": b},
        contact=contacts,
        person={t: affiliation.person for t, affiliation in contacts.items()},
        minutes=minutes,
        term=LeadershipTerm.objects.first(),
        page=Page.objects.first(),
        meeting=Meeting.objects.first(),
        invitation_token=services.invitation_token(invited),
        reset_user=User.objects.create_user(email="zuruecksetzen@example.org", password=None),
        sample=sample,
        offers=offers,
        handbook=handbook,
    )


def client_for(cast: Cast, role: str) -> Client:
    client = Client()
    if cast.users[role] is not None:
        client.force_login(cast.users[role])
    return client


def url_for(cast: Cast, name: str, target: str) -> str:
    arguments = {argument: example(cast, target) for argument, example in EXAMPLES.get(name, {}).items()}
    return reverse(name, kwargs=arguments)


def database_state() -> dict[str, list[dict]]:
    """Every row of every table but the sessions' and failed logins': what a request may have changed."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model not in (Session, FailedLogin)
    }


def answer(response, changed: bool) -> str:
    """What the response was, in the terms of the expectations."""
    if response.status_code in (301, 302):
        target = resolve(urlsplit(response["Location"]).path).view_name
        if target in ("members:login", "admin:login"):
            return LOGIN
        return DONE if changed else MOVED
    return str(response.status_code)


def request_as_each_role(cast: Cast, method: str, url: str, data: dict | None) -> dict[str, str]:
    """Each role's answer; a request that is refused must leave every row as it was."""
    answers = {}
    for role in ROLES:
        client = client_for(cast, role)
        with transaction.atomic():
            before = database_state()
            response = getattr(client, method)(url, data or {})
            changed = database_state() != before
            transaction.set_rollback(True)
        answers[role] = answer(response, changed)
        if answers[role] in (LOGIN, DENIED, GONE, NOT_ALLOWED):
            assert not changed, (
                f"{method.upper()} {url} as {role} was refused ({answers[role]}) but changed data"
            )
    return answers


def mismatches(expected: dict[str, str], got: dict[str, str]) -> list[str]:
    return [
        f"{role}: expected {expected[role]}, got {got[role]}" for role in ROLES if expected[role] != got[role]
    ]


def cases(method: str) -> list:
    params = []
    for name, targets in EXPECTATIONS.items():
        for target, (get, post) in targets.items():
            if (get if method == "get" else post) is None:
                continue
            marks = []
            if (name, target) in KNOWN_BUGS:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(name, target)])]
            params.append(pytest.param(name, target, id=f"{name}[{target}]", marks=marks))
    return params


# ---------------------------------------------------------------------------------------------


def test_every_url_has_an_expectation(cast):
    problems = []
    seen = set()
    for example in iter_url_patterns():
        if example.namespace == ADMIN_NAMESPACE:
            continue
        seen.add(example.name)
        if example.name not in EXPECTATIONS:
            problems.append(f"add an expectation for {example.name!r} ({example.route}) to EXPECTATIONS")
        arguments = set(resolve(example.url).kwargs)
        known = set(EXAMPLES.get(example.name, {}))
        for argument in sorted(arguments - known):
            problems.append(
                f"add an example for the argument {argument!r} of {example.name!r} ({example.route}) "
                "to EXAMPLES in members/tests/test_access.py"
            )
    for name in sorted(set(EXPECTATIONS) - seen):
        problems.append(f"{name!r} is in EXPECTATIONS but is no URL pattern any more")
    assert not problems, "\n".join(problems)


def test_every_state_changing_post_has_form_data():
    # A POST with empty data would be refused by the form, and prove nothing about permissions.
    no_data_needed = {
        "members:logout",
        "members:deletion-request",
        "members:two-factor-start",
        "members:two-factor-disable",
        "members:manage-contact-end",
        "members:manage-person-invite",
        "members:manage-person-anonymise",
    }
    posted = {name for name, targets in EXPECTATIONS.items() if any(post for _, post in targets.values())}
    assert posted - no_data_needed == set(POST_DATA)


@pytest.mark.parametrize(("name", "target"), cases("get"))
def test_get(cast, name, target):
    url = url_for(cast, name, target)
    expected = EXPECTATIONS[name][target][0]
    got = request_as_each_role(cast, "get", url, None)
    assert not mismatches(expected, got), f"GET {url}:\n" + "\n".join(mismatches(expected, got))


@pytest.mark.parametrize(("name", "target"), cases("post"))
def test_post(cast, name, target):
    url = url_for(cast, name, target)
    expected = EXPECTATIONS[name][target][1]
    data = POST_DATA[name](cast, target) if name in POST_DATA else {}
    got = request_as_each_role(cast, "post", url, data)
    assert not mismatches(expected, got), f"POST {url} {data}:\n" + "\n".join(mismatches(expected, got))


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_staff_only(cast, role):
    client = client_for(cast, role)
    before = database_state()
    wrong = []
    for example in iter_url_patterns():
        if example.namespace != ADMIN_NAMESPACE:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(example.url)
            if example.name == "admin:login" and role != "anonymous":
                # Logged in, but not staff: the admin's login page says no instead of looping.
                if response.status_code != 403:
                    wrong.append(f"{method.upper()} {example}: {response.status_code}, not 403")
                continue
            if response.status_code != 302:
                wrong.append(f"{method.upper()} {example}: {response.status_code}")
                continue
            target = resolve(urlsplit(response["Location"]).path).view_name
            away = {"admin:index"} if example.name == "admin:logout" else {"admin:login", "members:login"}
            if target not in away:
                wrong.append(f"{method.upper()} {example}: redirected to {target}")
    assert not wrong, "\n".join(wrong)
    assert database_state() == before


def test_staff_reach_the_admin(cast):
    staff = User.objects.create_superuser(email="technik@example.org", password=None)
    client = Client()
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:members_organisation_changelist")).status_code == 200


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_logged_in_users_without_admin_access_get_an_answer(cast, role):
    response = client_for(cast, role).get(reverse("admin:index"), follow=True)
    # A clear "no" from the admin's login page, not a redirect loop.
    assert response.status_code == 403
    assert response.resolver_match.view_name == "admin:login"


def test_the_admin_login_is_the_portals(cast):
    response = Client().get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert resolve(urlsplit(response["Location"]).path).view_name == "members:login"


def test_denied_access_is_logged(cast, caplog):
    client = client_for(cast, "editor")
    with caplog.at_level("WARNING", logger="netzwerk.security"):
        response = client.get(reverse("members:manage-contacts", args=[cast.organisation["B"].slug]))
    assert response.status_code == 403
    assert any(
        record.name == "netzwerk.security" and "access denied" in record.getMessage()
        for record in caplog.records
    )
