from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from netzwerk.admin_widgets import AutocompleteAdminMixin

from .models import Affiliation, AuditEntry, Organisation, OrganisationKind, Person, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_coordinator", "is_staff", "is_active"]
    list_filter = ["is_coordinator", "is_staff", "is_active"]
    filter_horizontal = []
    search_fields = ["email", "name"]
    # Roles are the portal's own (members/permissions.py); Django's groups and
    # per-model permissions are not used, so the admin does not offer them.
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (_("Permissions"), {"fields": ["is_active", "is_coordinator", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})]


@admin.register(OrganisationKind)
class OrganisationKindAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Organisation)
class OrganisationAdmin(AutocompleteAdminMixin, TranslationAdmin):
    list_display = ["name", "kind", "parent", "is_member", "joined_on", "left_on"]
    list_filter = ["is_member", "kind", "district"]
    search_fields = ["name"]
    list_select_related = ["kind", "parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "public_consent", "deletion_requested_at", "anonymised_at"]
    search_fields = ["name", "email"]


@admin.register(Affiliation)
class AffiliationAdmin(AutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["person", "organisation", "role", "ended_on"]
    list_filter = ["role"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__name", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the log is a record, not something to edit."""

    list_display = ["at", "actor_name", "action", "object_repr", "organisation"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
