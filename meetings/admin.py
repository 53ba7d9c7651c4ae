from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from netzwerk.admin_widgets import AutocompleteAdminMixin

from .models import Meeting, Minutes, Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    search_fields = ["name", "room"]


@admin.register(Meeting)
class MeetingAdmin(AutocompleteAdminMixin, TranslationAdmin):
    list_display = ["starts_at", "kind", "topic", "place", "is_cancelled"]
    list_filter = ["kind", "is_cancelled"]
    date_hierarchy = "starts_at"
    search_fields = ["topic"]
    list_select_related = ["place"]
    autocomplete_fields = ["place"]

    def save_model(self, request, obj, form, change) -> None:
        if change and form.changed_data:
            # Calendar programs replace an event only when SEQUENCE grows.
            obj.sequence += 1
        super().save_model(request, obj, form, change)


@admin.register(Minutes)
class MinutesAdmin(AutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "held_on", "visibility", "status"]
    list_filter = ["year", "visibility", "status"]
    search_fields = ["title"]
    autocomplete_fields = ["meeting"]
