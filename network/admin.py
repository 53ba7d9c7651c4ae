from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from netzwerk.admin_widgets import AutocompleteAdminMixin

from .models import BarrierReport, Goal, LeadershipTerm, Network, Page, Principle


@admin.register(Network)
class NetworkAdmin(TranslationAdmin):
    def has_add_permission(self, request) -> bool:
        # There is one network per portal.
        return not Network.objects.exists()


@admin.register(Principle)
class PrincipleAdmin(TranslationAdmin):
    list_display = ["__str__", "position"]
    list_editable = ["position"]


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
    list_display = ["text", "position"]
    list_editable = ["position"]


@admin.register(LeadershipTerm)
class LeadershipTermAdmin(AutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["person", "organisation", "started_on", "ended_on"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ["title", "slug", "in_footer", "updated_at"]
    prepopulated_fields = {"slug": ["title_de"]}


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page", "created_at", "status", "answered_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["description", "page", "name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "language"]
    fields = ["created_at", "page", "description", "name", "email", "language", "status", "answered_at"]

    def has_add_permission(self, request) -> bool:
        # Reports come from visitors, through the form.
        return False
