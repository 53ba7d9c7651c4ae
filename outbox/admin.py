from django.contrib import admin

from .models import Mail


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "purpose", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in Mail._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
