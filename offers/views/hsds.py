"""Open data: the public offers and the organisations as Open Referral HSDS 3.0 JSON.

Everyone may read them; they hold only what the public pages show (offers/hsds.py).
The lists follow the standard's API: ?page=2 and ?per_page=100 (at most MAX_PER_PAGE).
"""

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .. import hsds

PER_PAGE = 50
MAX_PER_PAGE = 500


def _json(data: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    # Open data, the same for everyone and without cookies: other sites may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _per_page(request: HttpRequest) -> int:
    try:
        wanted = int(request.GET.get("per_page", PER_PAGE))
    except ValueError:
        return PER_PAGE
    return min(max(wanted, 1), MAX_PER_PAGE)


@require_safe
def services(request: HttpRequest) -> JsonResponse:
    return _json(
        hsds.service_list(hsds.public_services(), page=request.GET.get("page"), per_page=_per_page(request))
    )


@require_safe
def service(request: HttpRequest, pk: int) -> JsonResponse:
    offer = get_object_or_404(hsds.public_services(), pk=pk)
    return _json(hsds.service(offer, with_organization=True))


@require_safe
def organizations(request: HttpRequest) -> JsonResponse:
    return _json(
        hsds.organization_list(
            hsds.public_organizations(), page=request.GET.get("page"), per_page=_per_page(request)
        )
    )


@require_safe
def organization(request: HttpRequest, slug: str) -> JsonResponse:
    organisations = hsds.organizations_with_services(hsds.public_organizations())
    return _json(hsds.organization(get_object_or_404(organisations, slug=slug), with_services=True))
