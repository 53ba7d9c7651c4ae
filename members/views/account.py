"""Logging in and out, invitations, two-factor login, and a person's own data."""

import base64
import json
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meetings.invitations import reply_token
from meetings.models import CalendarFeed
from netzwerk.client import client_ip, safe_path

from .. import services, throttle
from ..forms import CodeForm, ConsentForm, InvitationForm, LanguageForm, LoginForm
from ..middleware import LOGIN_AT
from ..models import Person, User

PENDING = "pending_2fa"  # session key: a user who gave the right password and still owes the code


def _next_url(request: HttpRequest, fallback: str) -> str:
    return safe_path(request, request.POST.get("next") or request.GET.get("next") or "", fallback)


def _confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _complete_login(request: HttpRequest, user: User, device: TOTPDevice | None = None) -> None:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # a new session
    if device is not None:
        otp_login(request, device)
    request.session[LOGIN_AT] = time.time()
    throttle.clear_failures(user.email)


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request, reverse("members:dashboard"))
    if request.user.is_authenticated:
        return redirect(next_url)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        ip = client_ip(request)
        if throttle.is_throttled(email, ip):
            throttle.record_failure(email, ip, "throttled")
            form.add_error(
                None, _("Too many failed attempts. Please wait a quarter of an hour and try again.")
            )
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(email, ip, "wrong e-mail or password")
                form.add_error(None, _("The e-mail address or the password is not right."))
            elif _confirmed_device(user) is not None:
                request.session.cycle_key()
                request.session[PENDING] = {"user": user.pk, "at": time.time(), "next": next_url}
                return redirect("members:login-code")
            else:
                _complete_login(request, user)
                return redirect(next_url)
    return render(request, "members/account/login.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step for people with two-factor login: the code from their app."""
    pending = request.session.get(PENDING)
    # The code must follow the password within five minutes.
    if not pending or time.time() - pending["at"] > 300:
        request.session.pop(PENDING, None)
        messages.info(request, _("Please log in again."))
        return redirect("members:login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    device = _confirmed_device(user) if user else None
    if device is None:
        request.session.pop(PENDING, None)
        return redirect("members:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request)
        if throttle.is_throttled(user.email, ip):
            throttle.record_failure(user.email, ip, "throttled (code)")
            form.add_error(
                None, _("Too many failed attempts. Please wait a quarter of an hour and try again.")
            )
        elif device.verify_token(form.cleaned_data["code"]):
            del request.session[PENDING]
            _complete_login(request, user, device)
            return redirect(pending["next"])
        else:
            throttle.record_failure(user.email, ip, "wrong code")
            form.add_error("code", _("This code is not right, or it has expired. Try the current one."))
    return render(request, "members/account/login_code.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)  # ends the session and deletes its data
    messages.info(request, _("You have logged out."))
    return redirect("network:home")


@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    user = services.user_for_invitation(token)
    if user is None:
        return render(request, "members/account/invitation_invalid.html", status=400)
    if user.has_usable_password():
        messages.info(request, _("You have an account already. Please log in."))
        return redirect("members:login")
    form = InvitationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        _complete_login(request, user)
        messages.success(request, _("Welcome! Your password is set."))
        return redirect("members:dashboard")
    return render(request, "members/account/invitation.html", {"form": form, "invited": user})


def _calendar_addresses(person: Person) -> dict[str, str] | None:
    """The addresses of the person's own calendar (meetings/views/invitations.py), if it has one."""
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is None:
        return None
    with translation.override(person.language):
        url = settings.SITE_URL + reverse("meetings:personal-calendar", args=[feed.key])
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[-1]}


def _my_invitations(person: Person) -> list:
    """The meetings to come the person is invited to, each with the link to answer."""
    invitations = list(
        person.invitations.filter(meeting__ends_at__gte=timezone.now())
        .select_related("meeting__place")
        .order_by("meeting__starts_at")
    )
    for invitation in invitations:
        invitation.reply_path = reverse("meetings:reply", args=[reply_token(invitation)])
    return invitations


def _account_page(request: HttpRequest, language_form: LanguageForm | None = None) -> HttpResponse:
    person = getattr(request.user, "person", None)
    context = {
        "person": person,
        "consent_form": ConsentForm(initial={"public_consent": person.public_consent}) if person else None,
        "affiliations": person.affiliations.current().select_related("organisation") if person else [],
        "two_factor": _confirmed_device(request.user) is not None,
        "language_form": language_form or (LanguageForm(instance=person) if person else None),
        "calendar": _calendar_addresses(person) if person else None,
        "invitations": _my_invitations(person) if person else [],
    }
    return render(request, "members/account/account.html", context)


@login_required
@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    form = ConsentForm(request.POST)
    if person is not None and form.is_valid():
        services.set_consent(person, form.cleaned_data["public_consent"], request.user)
        messages.success(request, _("Your choice is saved."))
    return redirect("members:account")


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language of the person's invitations, reminders and calendar."""
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("Your account has no person in the network, so it gets no invitations."))
        return redirect("members:account")
    form = LanguageForm(request.POST, instance=person)
    if not form.is_valid():
        return _account_page(request, language_form=form)
    form.save()
    messages.success(request, _("Your e-mails will come in the language you chose."))
    return redirect("members:account")


@login_required
@require_http_methods(["GET"])
def data_download(request: HttpRequest) -> HttpResponse:
    data = services.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
@require_POST
def deletion_request(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("There is nothing about you to delete apart from your account."))
    else:
        services.request_deletion(person, request.user)
        messages.success(
            request, _("Your request is recorded. The coordinators will delete your data and tell you.")
        )
    return redirect("members:account")


# Two-factor login ------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def two_factor(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user).first()
    context: dict[str, object] = {"device": device, "form": CodeForm()}
    if device is not None and not device.confirmed:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=True)
        # For typing into the app by hand: authenticator apps take base32.
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["config_url"] = device.config_url
    return render(request, "members/account/two_factor.html", context)


@login_required
@require_POST
def two_factor_start(request: HttpRequest) -> HttpResponse:
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    if not TOTPDevice.objects.filter(user=request.user).exists():
        TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    return redirect("members:two-factor")


@login_required
@require_POST
def two_factor_confirm(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = CodeForm(request.POST)
    if device is None:
        return redirect("members:two-factor")
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor login is on. From now on you need your app to log in."))
        return redirect("members:account")
    if form.is_valid():
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try the current code.")
        )
    context = {
        "device": device,
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=True),
        "config_url": device.config_url,
    }
    return render(request, "members/account/two_factor.html", context, status=400)


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    # Only from a session that proved the code, so a stolen password alone can't switch it off.
    if not request.user.is_verified():
        messages.error(request, _("Log in with your code first to switch two-factor login off."))
        return redirect("members:two-factor")
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-factor login is off."))
    return redirect("members:account")
