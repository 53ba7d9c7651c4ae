"""How a row of organisations is checked and saved (exchange/importers.py). A unit may name as
its parent an organisation that the same file adds; no organisation may end up a part of itself.
"""

from django.utils.translation import gettext as _

from members import audit
from members.models import Organisation, OrganisationKind, User

from .columns import columns_of
from .exports import organisation_row
from .forms import OrganisationImportForm
from .importers import Importer, RowCheck, form_errors


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
