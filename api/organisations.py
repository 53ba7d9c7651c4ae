"""/api/v1/organisations/: the network's members and their public profiles.

The same organisations as the HSDS export (offers/hsds.py): the current members, and the
umbrella organisations of those that are units of one. Their contact people are never
part of it, not even those who agreed to be shown on the portal's pages: an API is copied
further than a page.
"""

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router

from members.models import Organisation
from offers.hsds import public_organizations

from . import schemas
from .http import LanguageParams, json_answer, set_last_modified
from .links import Addresses
from .pagination import Page, PageParams, paginate
from .schemas import DETAIL, LIST

router = Router(tags=["organisations"])


class OrganisationFilters(PageParams):
    kind: str = Field("", max_length=50, description="Only this kind of organisation (its slug).")


def organisations() -> QuerySet[Organisation]:
    units = Organisation.objects.members().order_by(Lower("name"), "pk")
    return (
        public_organizations()
        .select_related("kind", "parent")
        .prefetch_related(Prefetch("units", units, to_attr="member_units"))
        .order_by(Lower("name"), "pk")
    )


class OrganisationAnswers:
    """Organisations as the API shows them; the addresses are worked out once per request."""

    def __init__(self, request: HttpRequest) -> None:
        self.api = Addresses(request, "api-v1:organisation")
        self.page = Addresses(request, "members:organisation")
        self.hsds = Addresses(request, "offers:hsds-organization")
        self.logo = Addresses(request, "members:logo")

    def ref(self, organisation: Organisation) -> schemas.OrganisationRef:
        return schemas.OrganisationRef(
            slug=organisation.slug, name=organisation.name, api=self.api(organisation.slug)
        )

    def __call__(self, organisation: Organisation) -> schemas.Organisation:
        slug = organisation.slug
        kind = organisation.kind
        return schemas.Organisation(
            slug=slug,
            name=organisation.name,
            kind=schemas.Term(slug=kind.slug, name=kind.name) if kind else None,
            member=organisation.is_current_member,
            member_since=organisation.joined_on,
            parent=self.ref(organisation.parent) if organisation.parent else None,
            units=[self.ref(unit) for unit in organisation.member_units],
            description=organisation.description or "",
            website=organisation.website,
            email=organisation.email,
            phone=organisation.phone,
            address=schemas.Address(
                street=organisation.street,
                postcode=organisation.postcode,
                city=organisation.city,
                district=schemas.district(organisation.district),
            ),
            updated_at=organisation.updated_at,
            urls=schemas.OrganisationUrls(
                page=self.page(slug),
                api=self.api(slug),
                hsds=self.hsds(slug),
                logo=self.logo(slug) if organisation.logo else None,
            ),
        )


@router.get("/", response={200: Page[schemas.Organisation], **LIST}, url_name="organisations")
def organisation_list(request: HttpRequest, filters: Query[OrganisationFilters]) -> HttpResponse:
    """The organisations by name."""
    found = organisations()
    if filters.kind:
        found = found.filter(kind__slug=filters.kind)
    links, rows = paginate(request, found, filters)
    answer = OrganisationAnswers(request)
    page = {**links, "results": [answer(organisation) for organisation in rows]}
    return json_answer(Page[schemas.Organisation], page)


@router.get("/{slug}/", response={200: schemas.Organisation, **DETAIL}, url_name="organisation")
def organisation_detail(
    request: HttpRequest, slug: str, params: Query[LanguageParams], response: HttpResponse
) -> HttpResponse:
    organisation = get_object_or_404(organisations(), slug=slug)
    # The answer names its parent and units too: a change to any of them changes it.
    shown = [organisation, organisation.parent, *organisation.member_units]
    set_last_modified(response, *(each.updated_at for each in shown if each))
    return json_answer(schemas.Organisation, OrganisationAnswers(request)(organisation), response)
