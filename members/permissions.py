"""Who may do what. Every view of the members' area asks here, never on its own.

Roles:
- coordinator: runs the network, may change everything in the members' area;
- organisation editor: a contact person with the editor role, for that
  organisation and its units;
- member: any active contact person of a current member organisation;
- public: everyone else.
"""

import logging

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from .models import Affiliation, Organisation, Person, User

security_log = logging.getLogger("netzwerk.security")

AnyUser = User | AnonymousUser


def is_coordinator(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_coordinator or user.is_superuser))


def _current_affiliations(user: AnyUser) -> QuerySet[Affiliation]:
    if not (user.is_authenticated and user.is_active):
        return Affiliation.objects.none()
    return Affiliation.objects.current().filter(
        person__user=user,
        organisation__is_member=True,
        organisation__left_on__isnull=True,
    )


def is_member(user: AnyUser) -> bool:
    """May read members-only content: coordinators and active contact people."""
    if is_coordinator(user):
        return True
    cached = getattr(user, "_is_member", None)
    if cached is None:
        cached = user._is_member = _current_affiliations(user).exists()
    return cached


def editable_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations this user may edit: all for coordinators; for editors
    their organisation and its units."""
    if is_coordinator(user):
        # Not those imported from neighbouring networks: the next import would overwrite any change.
        return Organisation.objects.local()
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    own = Affiliation.objects.current().filter(
        person__user=user, role=Affiliation.Role.EDITOR, organisation__left_on__isnull=True
    )
    ids = own.values("organisation_id")
    return Organisation.objects.local().filter(Q(pk__in=ids) | Q(parent_id__in=ids), left_on__isnull=True)


def can_edit_person(user: AnyUser, person: Person) -> bool:
    """Coordinators may edit anyone; an editor only people who are contact people
    of their organisations and of no other, and who are not coordinators.

    Otherwise an editor could change the e-mail address of another
    organisation's editor and take over their account with an invitation."""
    if is_coordinator(user):
        return True
    current = person.affiliations.current()
    if not current.exists():
        return False
    if person.user_id and is_coordinator(person.user):
        return False
    editable = editable_organisations(user)
    return not current.exclude(organisation__in=editable).exists()


def own_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user is a contact person of (to read), with their units."""
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    ids = Affiliation.objects.current().filter(person__user=user).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))


def deny(request: HttpRequest, what: str) -> PermissionDenied:
    security_log.warning(
        "access denied: %s to %s (%s %s)",
        getattr(request.user, "email", "anonymous"),
        what,
        request.method,
        request.path,
    )
    return PermissionDenied(what)


def organisation_for_editor(request: HttpRequest, slug: str) -> Organisation:
    """The organisation, if this user may edit it: 404 if it doesn't exist, 403 otherwise."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not editable_organisations(request.user).filter(pk=organisation.pk).exists():
        raise deny(request, f"organisation {organisation.pk}")
    return organisation


def affiliation_for_editor(request: HttpRequest, pk: int) -> Affiliation:
    affiliation = get_object_or_404(Affiliation.objects.select_related("person", "organisation"), pk=pk)
    if not editable_organisations(request.user).filter(pk=affiliation.organisation_id).exists():
        raise deny(request, f"contact person {affiliation.pk}")
    return affiliation


def person_for_editor(request: HttpRequest, pk: int) -> Person:
    """A person this user may edit (see can_edit_person): 404 if unknown, 403 otherwise."""
    person = get_object_or_404(Person, pk=pk)
    if not can_edit_person(request.user, person):
        raise deny(request, f"person {person.pk}")
    return person


def require_coordinator(request: HttpRequest) -> None:
    if not is_coordinator(request.user):
        raise deny(request, "coordinators' screen")


def require_member(request: HttpRequest) -> None:
    if not is_member(request.user):
        raise deny(request, "members' area")
