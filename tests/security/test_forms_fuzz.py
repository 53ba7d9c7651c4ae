"""Every form of the portal is fed generated bad input: never a 500, and an error writes nothing.

The forms are found, not listed: every URL pattern (tests/urls_helper.py) is
opened by a visitor, a member and a coordinator, and every <form method="post">
in the answers is sent with generated values for its fields (hypothesis): text
with NUL characters, huge and unusual Unicode text, numbers, dates and choices
that make no sense, ids of objects that do not exist, fields left out, bad
files. In the admin, the add and change forms of every ModelAdmin are sent; a
ModelAdmin that lets a coordinator add or change but whose form was not found
fails the test (give the test data a row of its model).

For each submission:
- the answer is never a server error (an exception in a view fails the test,
  naming the form and the generated data);
- an answer that is not a redirect (a form shown again, a 4xx) has changed
  nothing in the database. A view that saves must redirect after saving
  (Post/Redirect/Get), so that an error is never half a success;
- a form shown again (200) shows its errors.

Each submission is undone afterwards, so the next one starts from the same data.
The forms are fuzzed in four shares, so that parallel test processes split them.

Profiles: `security-ci` (default; the same examples every run, small) and
`security-thorough` (random, many): SECURITY_FUZZ_PROFILE=security-thorough.
"""

import os
import traceback
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client, RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck, given, note
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from members.models import User
from tests.urls_helper import UrlExample, iter_url_patterns

from .files import BAD
from .html_forms import BUTTONS, Field, Form, post_forms

hypothesis_settings.register_profile(
    "security-ci",
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "security-thorough",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = hypothesis_settings.get_profile(os.environ.get("SECURITY_FUZZ_PROFILE", "security-ci"))

# Rows these models may gain or lose on a failed attempt: they record the attempt itself.
RECORDS_OF_ATTEMPTS = {
    "sessions.Session",  # a logout, a login that starts a session
    "members.FailedLogin",  # the login throttle counts failed logins
    "otp_totp.TOTPDevice",  # counts failed codes to slow down guessing
}

NASTY = [
    "",
    " ",
    "\x00",
    "ein\x00NUL",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "-inf",
    "9" * 30,
    "2024-02-30",
    "31.12.2024",
    "9999-12-31 25:61",
    "0000-00-00",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "../../etc/passwd",
    "\u202egpj.exe",
    "ﷺ" * 40,
    "😀" * 60,
    "null",
    "[]",
    "%s%n%x",
    "javascript:alert(1)",
    "@example.org",
]
HUGE = ["x" * 100_000, "ü" * 30_000 + "\x00"]
# Ids of nothing, and ids too large for any database column.
NO_SUCH_IDS = ["999999999", "-1", "0", "abc", "9" * 30, "1; DROP TABLE x"]
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)
BAD_FILES = [bad for make in BAD.values() for bad in make()]


def value_strategy(field: Field) -> st.SearchStrategy:
    if field.kind == "file":
        return st.sampled_from(BAD_FILES).map(lambda bad: SimpleUploadedFile(bad.name, bad.content))
    choices = [st.sampled_from(NASTY), TEXT, st.sampled_from(HUGE), TEXT.map(lambda s: f"{s}\x00{s}")]
    if field.kind == "select":
        choices += [st.sampled_from(NO_SUCH_IDS)] + (
            [st.sampled_from(field.options)] if field.options else []
        )
    elif field.value:
        choices.append(st.just(field.value))
    one = st.one_of(choices)
    if field.multiple or field.kind == "checkbox":
        return st.lists(one, max_size=3)
    return one


def form_data_strategy(form: Form) -> st.SearchStrategy:
    """Any of the form's fields, each left out or with a generated value.

    The CSRF token goes along unchanged, as from a browser (which never sends an empty form).
    """
    token = {f.name: st.just(f.value) for f in form.fields if f.name == "csrfmiddlewaretoken"}
    fields = {f.name: f for f in form.fields if f.kind not in BUTTONS and f.name != "csrfmiddlewaretoken"}
    return st.fixed_dictionaries(token, optional={name: value_strategy(f) for name, f in fields.items()})


@dataclass
class FoundForm:
    page: UrlExample
    form: Form
    who: str
    user: User | None

    def __str__(self) -> str:
        return f"the form to {self.form.action} on {self.page}, as {self.who}"


def is_fuzzed(page: UrlExample, form: Form) -> bool:
    if not {f.name for f in form.fields if f.kind not in BUTTONS} - {"csrfmiddlewaretoken"}:
        return False  # a button alone (log out, confirm): nothing to feed
    if page.is_admin:
        # The admin's own views are Django's; what the portal adds are its models' forms.
        return page.name.endswith(("_add", "_change")) or page.name.startswith("admin:auth_user_password")
    return True


def discover_forms(users: dict[str, User | None]) -> list[FoundForm]:
    """The POST forms on every page, as each of the users sees them; each form once."""
    found: dict[tuple, FoundForm] = {}
    clients = {who: Client() for who in users}
    for page in iter_url_patterns():
        for who, user in users.items():
            client = clients[who]
            if user:
                client.force_login(user)
            response = client.get(page.url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            for form in post_forms(response.content.decode(), page.url):
                if is_fuzzed(page, form):
                    key = (resolve(urlsplit(form.action).path).view_name, frozenset(form.names))
                    found.setdefault(key, FoundForm(page, form, who, user))
    return list(found.values())


def database_state() -> dict[str, list[tuple]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.label not in RECORDS_OF_ATTEMPTS and model._meta.managed and not model._meta.proxy
    }


def changed_tables(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def shows_errors(response) -> bool:
    """Whether a page shown again after a POST has a form with errors in it."""
    for context in response.context or []:
        for value in context.flatten().values():
            form = getattr(value, "form", value)  # the admin wraps its form
            if isinstance(form, BaseForm | BaseFormSet) and form.is_bound and not form.is_valid():
                return True
    return False


def fuzz(found: FoundForm) -> None:
    client = Client()
    if found.user:
        client.force_login(found.user)
    before = database_state()

    @PROFILE
    @given(data=form_data_strategy(found.form))
    def submit(data: dict) -> None:
        note(f"Sent to {found}")
        with transaction.atomic():
            response = client.post(found.form.action, data)
            after = database_state()
            transaction.set_rollback(True)
        status = response.status_code
        assert status < 500, f"{found}: {status}"
        if status in (301, 302, 303):
            return
        assert not changed_tables(before, after), (
            f"{found} answered {status} but changed {changed_tables(before, after)}"
        )
        if status == 200:
            assert shows_errors(response), f"{found} answered 200 without an error in a form"

    submit()


def admins_without_a_fuzzed_form(forms: list[FoundForm], user: User) -> list[str]:
    """The ModelAdmins that let a coordinator add or change, of which no form was found."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = {found.page.name for found in forms}
    return [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if (model_admin.has_add_permission(request) or model_admin.has_change_permission(request))
        and not {admin_urlname(model._meta, "add"), admin_urlname(model._meta, "change")} & pages
    ]


# The forms are fuzzed in shares, so that parallel test processes (pytest-xdist) split the work.
SHARES = 4


@pytest.mark.parametrize("share", range(SHARES))
def test_every_form_survives_generated_bad_input(site, member, share):
    forms = discover_forms({"a visitor": None, "a member": member, "a coordinator": site})
    # The search must find the forms we know of; otherwise it is broken and tests nothing.
    actions = {found.form.action for found in forms}
    assert {"/admin/meetings/minutes/add/", "/de/accessibility/report/"} <= actions, sorted(actions)
    unreached = admins_without_a_fuzzed_form(forms, site)
    assert not unreached, f"no add or change form found for {unreached}: give the test data a row of each"

    failures = []
    forms = forms[share::SHARES]
    for found in forms:
        try:
            fuzz(found)
        except Exception as error:  # collected, so that one run names every failing form
            where = "".join(traceback.format_tb(error.__traceback__)[-2:])
            notes = "\n".join(getattr(error, "__notes__", []))
            failures.append(f"{found}\n{type(error).__name__}: {error}\n{where}{notes}")
    assert not failures, f"{len(failures)} of {len(forms)} forms failed:\n\n" + "\n\n".join(failures)
