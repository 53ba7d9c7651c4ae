"""Offers in the members' area: organisation editors keep their own, coordinators all.
And the page behind the one-click link of the reminder e-mail (no login: the link is the key)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from members import audit
from members.models import Organisation
from members.permissions import deny, editable_organisations, is_coordinator, organisation_for_editor
from members.views.common import paginate
from netzwerk.client import safe_path

from .. import confirmation
from ..forms.manage import LocationFormSet, OfferForm
from ..models import Offer


def _may_edit_offers(request: HttpRequest) -> QuerySet[Organisation]:
    """The organisations whose offers this user keeps; 403 for those who keep none."""
    organisations = editable_organisations(request.user)
    if not is_coordinator(request.user) and not organisations.exists():
        raise deny(request, "offers in the members' area")
    return organisations


def offer_for_editor(request: HttpRequest, pk: int) -> Offer:
    """The offer, if this user may edit it: 404 if it doesn't exist, 403 otherwise."""
    offer = get_object_or_404(Offer.objects.select_related("organisation__parent"), pk=pk)
    if not editable_organisations(request.user).filter(pk=offer.organisation_id).exists():
        raise deny(request, f"offer {offer.pk}")
    return offer


def _snapshot(offer: Offer) -> dict[str, object]:
    values = audit.snapshot(offer)
    values["terms"] = sorted(f"{term.taxonomy}:{term.slug}" for term in offer.terms.all())
    values["languages"] = sorted(offer.languages.values_list("code", flat=True))
    values["places"] = [str(location) for location in offer.locations.order_by("pk")]
    return values


# The list ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def offer_list(request: HttpRequest) -> HttpResponse:
    organisations = _may_edit_offers(request)
    today = timezone.localdate()
    offers = Offer.objects.local().select_related("organisation")
    if not is_coordinator(request.user):
        offers = offers.filter(organisation__in=organisations)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        # The title in any language: an editor may remember an offer by its Farsi title.
        in_any_language = Q()
        for code, _name in settings.LANGUAGES:
            in_any_language |= Q(**{f"title_{code}__icontains": query})
        offers = offers.filter(in_any_language)
    organisation = request.GET.get("organisation", "")
    if organisation:
        offers = offers.filter(organisation__slug=organisation)
    status = request.GET.get("status", "")
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    needs_confirmation = request.GET.get("needs_confirmation") == "1"
    if needs_confirmation:
        offers = offers.filter(confirmation.stale_filter(today)).exclude(confirmation.expired_filter(today))
    expired = request.GET.get("expired") == "1"
    if expired:
        offers = offers.filter(confirmation.expired_filter(today))
    page = paginate(request, offers.order_by("organisation__name", "title_de", "pk"))
    page.object_list = list(page.object_list)
    for offer in page.object_list:
        offer.is_expired = confirmation.is_expired(offer, today)
        offer.not_started = offer.valid_from is not None and offer.valid_from > today
    context = {
        "page": page,
        "days": settings.OFFER_CONFIRMATION_DAYS,
        "query": query,
        "organisation": organisation,
        "organisations": organisations.filter(offers__isnull=False).distinct().order_by("name"),
        "status": status,
        "statuses": Offer.Status.choices,
        "needs_confirmation": needs_confirmation,
        "expired": expired,
        "today": today,
        "new_url": reverse("offers:manage-offer-new"),
    }
    return render(request, "offers/manage/offer_list.html", context)


# Adding and editing --------------------------------------------------------------------------


def _save(request: HttpRequest, form: OfferForm, formset, before: dict[str, object]) -> Offer:
    """Saves the offer and its places, confirmed today, and logs what changed."""
    created = form.instance.pk is None
    with transaction.atomic():
        offer = form.save(commit=False)
        # Whoever saves the offer has looked at it: that counts as confirming it.
        offer.last_confirmed_on = timezone.localdate()
        offer.save()
        form.save_m2m()
        formset.instance = offer
        formset.save()
        audit.record(
            request.user,
            "create" if created else "update",
            offer,
            organisation=offer.organisation,
            before=before,
            after=_snapshot(offer),
        )
    return offer


def _form_page(request: HttpRequest, form: OfferForm, formset, offer: Offer | None) -> HttpResponse:
    context = {
        "form": form,
        "formset": formset,
        "offer": offer,
        "expired": offer is not None and confirmation.is_expired(offer),
        "is_public": offer is not None and Offer.objects.public().filter(pk=offer.pk).exists(),
    }
    return render(request, "offers/manage/offer_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request: HttpRequest) -> HttpResponse:
    organisations = _may_edit_offers(request)
    initial = {}
    slug = request.GET.get("organisation", "")
    if slug:
        initial["organisation"] = organisation_for_editor(request, slug)
    elif not is_coordinator(request.user) and len(choices := list(organisations[:2])) == 1:
        initial["organisation"] = choices[0]
    data = request.POST if request.method == "POST" else None
    form = OfferForm(data, initial=initial, organisations=organisations)
    formset = LocationFormSet(data, instance=Offer(), prefix="places")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        offer = _save(request, form, formset, before={})
        messages.success(request, _("The offer has been added."))
        return redirect("offers:manage-offer", offer.pk)
    return _form_page(request, form, formset, None)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_editor(request, pk)
    organisations = editable_organisations(request.user)
    data = request.POST if request.method == "POST" else None
    form = OfferForm(data, instance=offer, organisations=organisations)
    formset = LocationFormSet(data, instance=offer, prefix="places")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        before = _snapshot(Offer.objects.get(pk=offer.pk))
        offer = _save(request, form, formset, before=before)
        messages.success(request, _("Your changes are saved. The offer counts as confirmed today."))
        return redirect("offers:manage-offer", offer.pk)
    if request.method == "POST":
        # The form has put what was sent into the offer; the page shows it as it is saved.
        offer = Offer.objects.select_related("organisation").get(pk=offer.pk)
    return _form_page(request, form, formset, offer)


# Still valid ---------------------------------------------------------------------------------


@login_required
@require_POST
def offer_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_editor(request, pk)
    back = safe_path(request, request.POST.get("back", ""), reverse("offers:manage-offer", args=[offer.pk]))
    if confirmation.is_expired(offer):
        messages.error(
            request, _("This offer has expired. To renew it, change the date until which it is valid.")
        )
        return redirect("offers:manage-offer", offer.pk)
    confirmation.confirm(offer, request.user)
    messages.success(
        request, _("Thank you! “%(title)s” is confirmed as still valid.") % {"title": offer.title}
    )
    return redirect(back)


@require_http_methods(["GET", "POST"])
def offer_confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in the reminder. Opening it changes nothing (mail
    scanners open links); only the button does."""
    found = confirmation.confirmation_for_token(token)
    if found is None:
        context = {"days": confirmation.CONFIRM_MAX_AGE.days}
        return render(request, "offers/manage/confirm_invalid.html", context, status=404)
    offer = found.offer
    expired = confirmation.is_expired(offer)
    if request.method == "POST":
        if expired:
            messages.error(
                request, _("This offer has expired. To renew it, change the date until which it is valid.")
            )
        else:
            confirmation.confirm(offer, found.person.user, person=found.person)
            messages.success(request, _("Thank you! The offer is confirmed as still valid."))
        return redirect(request.path)
    context = {
        "offer": offer,
        "person": found.person,
        "expired": expired,
        "confirmed_today": offer.last_confirmed_on == timezone.localdate(),
        "locations": list(offer.locations.all()),
    }
    return render(request, "offers/manage/confirm_link.html", context)
