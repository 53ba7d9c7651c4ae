"""How a row of offers is checked and saved (exchange/importers.py): its organisation, list
entries and languages by their slugs and codes, its place in the `location_` columns.
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from members import audit
from members.models import Organisation, User
from offers.forms.manage import LocationForm
from offers.models import Language, Location, Offer, Term

from .columns import LOCATION_PREFIX, columns_of
from .exports import offer_queryset, offer_row
from .forms import OfferImportForm
from .importers import Importer, RowCheck, form_errors


def offer_snapshot(offer: Offer, places: Iterable[Location]) -> dict[str, object]:
    """As the offer form logs it (offers/views/manage.py)."""
    values = audit.snapshot(offer)
    values["terms"] = sorted(f"{term.taxonomy}:{term.slug}" for term in offer.terms.all())
    values["languages"] = sorted(language.code for language in offer.languages.all())
    values["places"] = [str(place) for place in places]
    return values


class OfferImporter(Importer):
    kind = "offers"

    def load(self) -> None:
        ids = {int(cells["id"]) for _n, cells in self.rows if cells.get("id", "").strip().isdigit()}
        self.existing = {offer.pk: offer for offer in offer_queryset().filter(pk__in=ids)}
        self.lookups: dict[str, dict] = {
            "organisation": {o.slug: o for o in Organisation.objects.local()},
            "language": {language.code: language for language in Language.objects.all()},
        }
        for taxonomy in Term.Taxonomy.values:
            self.lookups[taxonomy] = {}
        for term in Term.objects.all():
            self.lookups[term.taxonomy][term.slug] = term
        self.seen: dict[int, int] = {}

    def _instance(self, row: RowCheck, text: str) -> Offer | None:
        if not text:
            return None
        if not text.isdigit():
            row.errors.append(_("id: “%(value)s” is not a number.") % {"value": text})
            return None
        pk = int(text)
        if pk in self.seen:
            row.errors.append(
                _("id: the offer %(id)s is in row %(row)s already.") % {"id": pk, "row": self.seen[pk]}
            )
        self.seen.setdefault(pk, row.number)
        if pk not in self.existing:
            row.note = _("This network has no offer with the id %(id)s: it is added as a new offer.") % {
                "id": pk
            }
        return self.existing.get(pk)

    def check_row(self, row: RowCheck, cells: dict[str, str]) -> None:
        instance = self._instance(row, cells.get("id", "").strip())
        stored = offer_row(instance) if instance else {"status": Offer.Status.ACTIVE}
        merged = self.merged(stored, cells)
        row.label = merged.get("title_de", "").strip() or (f"#{instance.pk}" if instance else "")
        if instance is not None and not row.errors and self.unchanged(stored, cells):
            row.action = "unchanged"
            return
        columns = [c for c in columns_of(self.kind) if c.imported and c.name != "id"]
        data = self.form_data(
            merged, [c for c in columns if not c.name.startswith(LOCATION_PREFIX)], row.errors
        )
        places = list(instance.locations.all()) if instance else []
        if instance is not None:
            row.before = offer_snapshot(instance, places)
        form = OfferImportForm(data, instance=instance or Offer(), lookups=self.lookups)
        row.form = form
        row.errors += form_errors(form)
        location_columns = [c for c in columns if c.name.startswith(LOCATION_PREFIX)]
        place_data = self.form_data(merged, location_columns, row.errors, prefix=LOCATION_PREFIX)
        if any(value not in ("", "false") for value in place_data.values()):
            row.location_form = LocationForm(place_data, instance=places[0] if places else Location())
            row.errors += form_errors(row.location_form, prefix=LOCATION_PREFIX)
        row.action = "update" if instance else "create"
        if instance and not row.errors:
            row.changes = self.changes(stored, form.cleaned_data)
            if row.location_form is not None:
                row.changes += self.changes(stored, row.location_form.cleaned_data, prefix=LOCATION_PREFIX)
            if not row.changes:
                row.action = "unchanged"

    def save(self, row: RowCheck, user: User) -> None:
        offer = row.form.save(commit=False)
        # As in the offer form: whoever saves an offer has looked at it.
        offer.last_confirmed_on = timezone.localdate()
        offer.save()
        row.form.save_m2m()
        if row.location_form is not None:
            place = row.location_form.save(commit=False)
            place.offer = offer
            place.save()
        places = Location.objects.filter(offer=offer).order_by("pk")
        audit.record(
            user,
            row.action,
            offer,
            organisation=offer.organisation,
            before=row.before,
            after=offer_snapshot(offer, places),
        )
