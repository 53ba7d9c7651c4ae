from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from api import v1 as api_v1
from netzwerk.client import safe_path

admin.site.site_header = _("Netzwerkportal administration")
admin.site.site_title = _("Netzwerkportal")


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin has no login of its own: everyone logs in through the portal,
    with its throttling and two-factor step."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("members:login"))
    if not admin_has_permission(request):
        raise PermissionDenied("the admin is for technical administrators")
    return redirect(safe_path(request, request.GET.get("next", ""), reverse("admin:index")))


def admin_has_permission(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    # Whoever has two-factor login on must have used it in this session.
    return request.user.is_verified() or not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


admin.site.login = admin_login
admin.site.has_permission = admin_has_permission


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    # The open data API (api/v1.py): one address for every language, chosen by ?lang=.
    path("api/v1/", api_v1.urls()),
]
urlpatterns += i18n_patterns(
    path("", include("network.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
    path("", include("offers.urls")),
    path("", include("handbook.urls")),
    path("", include("api.urls")),
    path("", include("news.urls")),
    path("", include("exchange.urls")),
    path("", include("federation.urls")),
)
