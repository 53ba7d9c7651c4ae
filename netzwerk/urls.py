from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Netzwerkportal administration")
admin.site.site_title = _("Netzwerkportal")


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]
urlpatterns += i18n_patterns(
    path("", include("network.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
)
