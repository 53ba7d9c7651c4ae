from django.contrib import admin

from .models import Build, Edition


class BuildInline(admin.TabularInline):
    """The edition's PDFs, as the task worker left them: coordinators start and retry them
    in the members' area (handbook/views.py), not here."""

    model = Build
    extra = 0
    can_delete = False
    fields = ["language", "paper", "status", "error", "file", "size", "pages", "finished_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_on"]
    inlines = [BuildInline]
