"""How a row of organisations or of offers is checked and saved (exchange/imports.py runs them).

A row changes only the columns the file has: the form is given the object's stored values
(as the export writes them) with the file's cells put over them. The references the file
makes (an organisation's parent and kind, an offer's organisation, list entries and
languages) are read once for the whole file, so checking a row needs no query of its own
for them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from members import audit
from members.models import Organisation, OrganisationKind, User
from offers.forms.manage import LocationForm
from offers.models import Language, Location, Offer, Term

from .columns import LOCATION_PREFIX, Column, columns_of
from .exports import offer_queryset, offer_row, organisation_row
from .forms import OfferImportForm, OrganisationImportForm
from .spreadsheets import text_of
from .values import CellError, differs, form_value

Rows = list[tuple[int, dict[str, str]]]


@dataclass
class RowCheck:
    """One row: what it would do, or why it cannot be imported."""

    STORED: ClassVar[tuple[str, ...]] = ("number", "action", "label", "errors", "changes", "note")

    number: int
    action: str = ""  # create, update, unchanged
    label: str = ""
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the columns an update changes
    note: str = ""
    # For saving; not stored with the preview.
    form: Any = None
    location_form: Any = None
    before: dict = field(default_factory=dict)
    parent_slug: str = ""  # a new organisation of the same file, saved before this one

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in self.STORED}


def form_errors(form: forms.BaseForm, prefix: str = "") -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        for error in errors:
            messages.append(error if name == "__all__" else f"{prefix}{name}: {error}")
    return messages


class Importer:
    kind = ""

    def __init__(self, columns: list[str], rows: Rows) -> None:
        self.present = [
            column for column in columns_of(self.kind) if column.name in columns and column.imported
        ]
        self.rows = rows
        self.load()

    def load(self) -> None:
        """Reads what the rows refer to."""

    def check(self) -> list[RowCheck]:
        checks = []
        for number, cells in self.rows:
            row = RowCheck(number)
            self.check_row(row, cells)
            checks.append(row)
        self.check_file(checks)
        return checks

    def check_row(self, row: RowCheck, cells: dict[str, str]) -> None:
        raise NotImplementedError

    def check_file(self, checks: list[RowCheck]) -> None:
        """Checks that concern several rows."""

    def unchanged(self, stored: dict[str, object], cells: dict[str, str]) -> bool:
        """Whether the row says what is stored already. Then nothing is written, and the row
        needs no form: an export imported again, with a few rows changed, is checked fast."""
        try:
            return not any(
                differs(form_value(c, text_of(stored.get(c.name))), form_value(c, cells.get(c.name, "")))
                for c in self.present
            )
        except CellError:
            return False

    def merged(self, stored: dict[str, object], cells: dict[str, str]) -> dict[str, str]:
        texts = {name: text_of(value) for name, value in stored.items()}
        texts.update({column.name: cells.get(column.name, "") for column in self.present})
        return texts

    @staticmethod
    def form_data(merged: dict[str, str], columns: Iterable[Column], errors: list[str], prefix: str = ""):
        data: dict[str, object] = {}
        for column in columns:
            try:
                data[column.name.removeprefix(prefix)] = form_value(column, merged.get(column.name, ""))
            except CellError as error:
                errors.append(f"{column.name}: {error}")
        return data

    @staticmethod
    def changes(stored: dict[str, object], cleaned: dict[str, object], prefix: str = "") -> list[str]:
        return [
            f"{prefix}{name}" for name, value in cleaned.items() if differs(stored.get(prefix + name), value)
        ]

    def save_all(self, rows: list[RowCheck], user: User) -> None:
        for row in rows:
            if row.action in ("create", "update"):
                self.save(row, user)

    def save(self, row: RowCheck, user: User) -> None:
        raise NotImplementedError


class OrganisationImporter(Importer):
    kind = "organisations"

    def load(self) -> None:
        local = list(Organisation.objects.local().select_related("parent", "kind"))
        self.parents = {organisation.slug: organisation for organisation in local}
        self.kinds = {kind.slug: kind for kind in OrganisationKind.objects.all()}
        slugs = {cells.get("slug", "").strip() for _number, cells in self.rows} - {""}
        self.neighbours = set(
            Organisation.objects.filter(slug__in=slugs, neighbour__isnull=False).values_list(
                "slug", flat=True
            )
        )
        self.new_slugs = slugs - set(self.parents) - self.neighbours
        # slug -> parent's slug, as it is and, after check_row, as the file would make it.
        self.tree = {o.slug: (o.parent.slug if o.parent else "") for o in local}
        self.seen: dict[str, int] = {}
        self.names: dict[str, int] = {}

    def check_row(self, row: RowCheck, cells: dict[str, str]) -> None:
        slug = cells.get("slug", "").strip()
        row.label = slug
        if slug in self.seen:
            row.errors.append(
                _("slug: “%(slug)s” is in row %(row)s already.") % {"slug": slug, "row": self.seen[slug]}
            )
            return
        self.seen[slug] = row.number
        if slug in self.neighbours:
            row.errors.append(
                _("slug: “%(slug)s” is an organisation of a neighbouring network.") % {"slug": slug}
            )
            return
        instance = self.parents.get(slug) if slug else None
        stored = organisation_row(instance) if instance else {"is_member": True}
        merged = self.merged(stored, cells)
        data = self.form_data(merged, columns_of(self.kind), row.errors)
        row.label = merged.get("name", "").strip() or slug
        parent = merged.get("parent", "").strip()
        if parent in self.new_slugs and parent != slug:
            data["parent"], row.parent_slug = "", parent
        if slug:
            self.tree[slug] = parent
        name = merged.get("name", "").strip().casefold()
        if name and name in self.names:
            row.errors.append(_("name: this name is in row %(row)s already.") % {"row": self.names[name]})
        self.names.setdefault(name, row.number)
        if instance is not None and not row.errors and self.unchanged(stored, cells):
            row.action = "unchanged"
            return
        if instance is not None:
            row.before = audit.snapshot(instance)
        form = OrganisationImportForm(
            data, instance=instance or Organisation(), parents=self.parents, kinds=self.kinds
        )
        row.form = form
        row.errors += form_errors(form)
        row.action = "update" if instance else "create"
        if instance and not row.errors:
            row.changes = self.changes(stored, form.cleaned_data)
            if row.parent_slug and "parent" not in row.changes:
                row.changes.append("parent")
            if not row.changes:
                row.action = "unchanged"

    def check_file(self, checks: list[RowCheck]) -> None:
        for row, (_number, cells) in zip(checks, self.rows, strict=True):
            slug = cells.get("slug", "").strip()
            path, node = [slug], self.tree.get(slug, "")
            while node and node not in path:
                path.append(node)
                node = self.tree.get(node, "")
            if node == slug and slug and not row.errors:
                row.errors.append(
                    _("parent: the organisation would be a part of itself (%(path)s).")
                    % {"path": " → ".join([*path, slug])}
                )

    def save_all(self, rows: list[RowCheck], user: User) -> None:
        # A unit after the new organisation it is a part of (check_file excluded cycles).
        waiting = [row for row in rows if row.action in ("create", "update")]
        saved: dict[str, Organisation] = {}
        while waiting:
            ready = [row for row in waiting if not row.parent_slug or row.parent_slug in saved]
            for row in ready:
                if row.parent_slug:
                    row.form.instance.parent = saved[row.parent_slug]
                self.save(row, user)
                saved[row.form.instance.slug] = row.form.instance
            waiting = [row for row in waiting if row not in ready]

    def save(self, row: RowCheck, user: User) -> None:
        organisation = row.form.save()
        audit.record(
            user,
            row.action,
            organisation,
            organisation=organisation,
            before=row.before,
            after=audit.snapshot(organisation),
        )


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


IMPORTERS: dict[str, type[Importer]] = {"organisations": OrganisationImporter, "offers": OfferImporter}
