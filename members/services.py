"""What the members' area does: invitations, contact people, privacy. Views call these."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from netzwerk import emails

from . import audit
from .models import Affiliation, AuditEntry, Organisation, Person, User
from .permissions import is_coordinator

INVITATION_SALT = "members.invitation"


# Invitations ---------------------------------------------------------------


def invitation_token(user: User) -> str:
    # The password hash is part of the token: once a password is set, the link is spent.
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"user": user.pk, "state": user.password[-16:]}
    )


def user_for_invitation(token: str) -> User | None:
    """The invited user, or None if the link is forged, expired or already used."""
    try:
        data = signing.TimestampSigner(salt=INVITATION_SALT).unsign_object(
            token, max_age=settings.INVITATION_MAX_AGE
        )
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.password[-16:] != data.get("state"):
        return None
    return user


@transaction.atomic
def invite(person: Person, actor: User, organisation: Organisation | None = None) -> User:
    """Gives the person an account (if they have none) and e-mails them a link to set a password."""
    if not person.email:
        raise ValueError("A person needs an e-mail address to be invited.")
    user = person.user
    if user is None:
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create_user(email=person.email, password=None, name=person.name)
        elif hasattr(user, "person") or not is_coordinator(actor):
            # Only a coordinator may tie an existing account to a person.
            raise ValueError("This e-mail address belongs to another person's account.")
        person.user = user
        person.save(update_fields=["user"])
    audit.record(actor, "invite", person, organisation=organisation, after={"email": person.email})
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        url = settings.SITE_URL + reverse("members:invitation", args=[invitation_token(user)])
    context = {
        "person": person,
        "inviter": actor,
        "url": url,
        "days": settings.INVITATION_MAX_AGE // 86400,
        "has_password": user.has_usable_password(),
    }
    if user.has_usable_password():
        # They have an account already: send them to the login page instead.
        with translation.override(language):
            context["url"] = settings.SITE_URL + reverse("members:login")
    # To the account's address: the person's address may have been changed since.
    transaction.on_commit(lambda: emails.send("invitation", [user.email], context, language))
    return user


# Contact people ----------------------------------------------------------------


@transaction.atomic
def add_contact(organisation: Organisation, data: dict, actor: User) -> Affiliation:
    """Adds a contact person to the organisation; a known e-mail address links the existing person."""
    person = None
    if data.get("email"):
        person = Person.objects.filter(email__iexact=data["email"], anonymised_at__isnull=True).first()
    if person is None:
        person = Person(name=data["name"], email=data.get("email", ""), phone=data.get("phone", ""))
        person.public_consent = data.get("public_consent", False)
        person.consent_changed_at = timezone.now()
        person.save()
        audit.record(actor, "create", person, organisation=organisation, after=audit.snapshot(person))
    affiliation = Affiliation.objects.create(
        person=person, organisation=organisation, role=data["role"], function=data.get("function", "")
    )
    audit.record(actor, "create", affiliation, organisation=organisation, after=audit.snapshot(affiliation))
    return affiliation


@transaction.atomic
def update_contact(affiliation: Affiliation, data: dict, actor: User) -> None:
    person = affiliation.person
    before = audit.snapshot(person) | audit.snapshot(affiliation)
    if person.public_consent != data["public_consent"]:
        person.consent_changed_at = timezone.now()
    person.name, person.email, person.phone = data["name"], data["email"], data["phone"]
    person.public_consent = data["public_consent"]
    person.save()
    affiliation.role, affiliation.function = data["role"], data["function"]
    affiliation.save()
    after = audit.snapshot(person) | audit.snapshot(affiliation)
    audit.record(
        actor, "update", affiliation, organisation=affiliation.organisation, before=before, after=after
    )


@transaction.atomic
def end_contact(affiliation: Affiliation, actor: User) -> None:
    """The person is no longer a contact person here; the history stays."""
    before = audit.snapshot(affiliation)
    affiliation.ended_on = timezone.localdate()
    affiliation.save(update_fields=["ended_on"])
    audit.record(
        actor,
        "end",
        affiliation,
        organisation=affiliation.organisation,
        before=before,
        after=audit.snapshot(affiliation),
    )


# Privacy -------------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """Everything the portal holds about this user, for download (Art. 15 DSGVO)."""
    data: dict = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_coordinator": user.is_coordinator,
            "two_factor": user.totpdevice_set.filter(confirmed=True).exists(),
        },
        "person": None,
        "contact_person_of": [],
        "leadership_terms": [],
        # What they changed, not whom: the objects' names are other people's data.
        "changes_made": [
            {"at": e.at.isoformat(), "action": e.action, "object_type": e.object_type}
            for e in AuditEntry.objects.filter(actor=user)
        ],
    }
    person = getattr(user, "person", None)
    if person is not None:
        data["person"] = {
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "public_consent": person.public_consent,
            "consent_changed_at": person.consent_changed_at.isoformat()
            if person.consent_changed_at
            else None,
            "deletion_requested_at": (
                person.deletion_requested_at.isoformat() if person.deletion_requested_at else None
            ),
        }
        data["contact_person_of"] = [
            {
                "organisation": a.organisation.name,
                "role": a.get_role_display(),
                "function": a.function,
                "since": a.created_at.date().isoformat(),
                "until": a.ended_on.isoformat() if a.ended_on else None,
            }
            for a in person.affiliations.select_related("organisation")
        ]
        data["leadership_terms"] = [
            {
                "organisation": t.organisation.name,
                "from": t.started_on.isoformat() if t.started_on else None,
                "until": t.ended_on.isoformat() if t.ended_on else None,
            }
            for t in person.leadershipterm_set.select_related("organisation")
        ]
        # The meetings app builds on this one, so it is asked here, not imported at the top.
        from meetings.privacy import personal_data as meeting_data

        data["meetings"] = meeting_data(person)
    return data


@transaction.atomic
def set_consent(person: Person, consent: bool, actor: User) -> None:
    if person.public_consent == consent:
        return
    before = audit.snapshot(person, ["public_consent"])
    person.public_consent = consent
    person.consent_changed_at = timezone.now()
    person.save(update_fields=["public_consent", "consent_changed_at"])
    audit.record(actor, "update", person, before=before, after=audit.snapshot(person, ["public_consent"]))


@transaction.atomic
def request_deletion(person: Person, actor: User) -> None:
    if person.deletion_requested_at:
        return
    person.deletion_requested_at = timezone.now()
    person.save(update_fields=["deletion_requested_at"])
    audit.record(actor, "request deletion", person)
    coordinators = list(
        User.objects.filter(Q(is_coordinator=True) | Q(is_superuser=True), is_active=True)
        .exclude(pk=actor.pk)
        .values_list("email", flat=True)
    )
    if coordinators:
        context = {"person": person}
        transaction.on_commit(lambda: emails.send("deletion-request", coordinators, context))


@transaction.atomic
def anonymise(person: Person, actor: User) -> None:
    """Removes what identifies the person, keeping the row so that minutes and
    attendance lists that name them stay whole ("anonymised person")."""
    from meetings.privacy import anonymise as forget_meeting_addresses  # see personal_data

    before = audit.snapshot(person)
    forget_meeting_addresses(person)
    person.name = f"Anonymisierte Person {person.pk}"
    person.email = ""
    person.phone = ""
    person.public_consent = False
    person.anonymised_at = timezone.now()
    person.deletion_requested_at = None
    user = person.user
    person.user = None
    person.save()
    person.affiliations.current().update(ended_on=timezone.localdate())
    if user is not None:
        user.email = f"anonymised-{user.pk}@invalid"
        user.name = ""
        user.is_active = False
        user.is_coordinator = False
        user.set_unusable_password()
        user.save()
        user.totpdevice_set.all().delete()
    # The log keeps what happened, not who it was.
    affiliation_ids = [str(pk) for pk in person.affiliations.values_list("pk", flat=True)]
    about_person = Q(object_type="members.person", object_id=str(person.pk)) | Q(
        object_type="members.affiliation", object_id__in=affiliation_ids
    )
    if user is not None:
        about_person |= Q(object_type="members.user", object_id=str(user.pk))
    AuditEntry.objects.filter(about_person).update(object_repr=person.name, changes={})
    for term in person.leadershipterm_set.select_related("person", "organisation"):
        AuditEntry.objects.filter(object_type="network.leadershipterm", object_id=str(term.pk)).update(
            object_repr=str(term)[:300], changes={}
        )
    if user is not None:
        AuditEntry.objects.filter(actor=user).update(actor_name=user.email)
    audit.record(actor, "anonymise", person, before={k: "…" for k in before}, after=audit.snapshot(person))
