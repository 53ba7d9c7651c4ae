from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .forms import PasswordResetForm
from .views import account, manage, network_content, people, public
from .views import organisations as orgs

app_name = "members"

reset_done = reverse_lazy("members:password-reset-done")

urlpatterns = [
    # Public
    path("members/", public.organisation_list, name="list"),
    path("members/<slug:slug>/", public.organisation_detail, name="organisation"),
    path("members/<slug:slug>/logo", public.organisation_logo, name="logo"),
    # Accounts
    path("account/login/", account.login_view, name="login"),
    path("account/login/code/", account.login_code, name="login-code"),
    path("account/logout/", account.logout_view, name="logout"),
    path("account/invitation/<str:token>/", account.invitation, name="invitation"),
    path(
        "account/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="members/account/password_reset_form.html",
            success_url=reset_done,
        ),
        name="password-reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="members/account/password_reset_done.html",
            extra_context={"hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        ),
        name="password-reset-done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="members/account/password_reset_confirm.html",
            success_url=reverse_lazy("members:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "account/password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="members/account/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("account/", account.account, name="account"),
    path("account/consent/", account.consent, name="consent"),
    path("account/language/", account.language, name="language"),
    path("account/my-data.json", account.data_download, name="data-download"),
    path("account/delete/", account.deletion_request, name="deletion-request"),
    path("account/two-factor/", account.two_factor, name="two-factor"),
    path("account/two-factor/start/", account.two_factor_start, name="two-factor-start"),
    path("account/two-factor/confirm/", account.two_factor_confirm, name="two-factor-confirm"),
    path("account/two-factor/disable/", account.two_factor_disable, name="two-factor-disable"),
    # Members' area
    path("manage/", manage.dashboard, name="dashboard"),
    path("manage/organisations/", orgs.organisation_list, name="manage-organisations"),
    path("manage/organisations/new/", orgs.organisation_new, name="manage-organisation-new"),
    path("manage/organisations/<slug:slug>/", orgs.organisation_edit, name="manage-organisation"),
    path(
        "manage/organisations/<slug:slug>/leave/",
        orgs.organisation_leave,
        name="manage-organisation-leave",
    ),
    path(
        "manage/organisations/<slug:slug>/log/",
        orgs.organisation_log,
        name="manage-organisation-log",
    ),
    path("manage/organisations/<slug:slug>/units/new/", orgs.unit_new, name="manage-unit-new"),
    path("manage/organisations/<slug:slug>/contacts/", orgs.contact_list, name="manage-contacts"),
    path("manage/organisations/<slug:slug>/contacts/new/", orgs.contact_new, name="manage-contact-new"),
    path("manage/contacts/<int:pk>/", orgs.contact_edit, name="manage-contact"),
    path("manage/contacts/<int:pk>/end/", orgs.contact_end, name="manage-contact-end"),
    path("manage/people/", people.person_list, name="manage-people"),
    path("manage/people/<int:pk>/", people.person_edit, name="manage-person"),
    path("manage/people/<int:pk>/invite/", orgs.person_invite, name="manage-person-invite"),
    path("manage/people/<int:pk>/anonymise/", people.person_anonymise, name="manage-person-anonymise"),
    path("manage/leadership/", network_content.leadership_list, name="manage-leadership"),
    path("manage/leadership/new/", network_content.leadership_edit, name="manage-leadership-new"),
    path("manage/leadership/<int:pk>/", network_content.leadership_edit, name="manage-leadership-term"),
    path("manage/pages/", network_content.page_list, name="manage-pages"),
    path("manage/pages/new/", network_content.page_edit, name="manage-page-new"),
    path("manage/pages/<slug:slug>/", network_content.page_edit, name="manage-page"),
    path("manage/log/", manage.audit_log, name="manage-log"),
]
