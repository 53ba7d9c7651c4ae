"""The admin's autocomplete widgets, without a server error on a made-up id.

When a form is shown again with errors, Django's autocomplete widgets look up
the submitted ids to show their labels. An id that is not one (" ", "abc", a
number too large for the column), sent by a crafted request, makes that lookup
raise, and the coordinator gets a server error instead of the form's "Select a
valid choice". These widgets leave such values out of the lookup; the form
field still reports them. Found by tests/security/test_forms_fuzz.py.

Every ModelAdmin with `autocomplete_fields` takes `AutocompleteAdminMixin` first:

    class LeadershipTermAdmin(AutocompleteAdminMixin, admin.ModelAdmin):
        autocomplete_fields = ["person", "organisation"]
"""

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError


class _IgnoreInvalidIds:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        valid = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))
            except (ValidationError, TypeError, ValueError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class AutocompleteSelect(_IgnoreInvalidIds, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_IgnoreInvalidIds, widgets.AutocompleteSelectMultiple):
    pass


class AutocompleteAdminMixin:
    """Uses the widgets above for the ModelAdmin's autocomplete_fields."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
