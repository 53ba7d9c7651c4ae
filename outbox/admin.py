from django.contrib import admin

from .models import Mail


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "purpose", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in Mail._meta.fields]

    # A record of what was sent: read, never written by hand (the worker owns the status).
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
