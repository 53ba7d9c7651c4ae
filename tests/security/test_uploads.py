"""Every upload field of every model is fed wrong types, oversized files, broken PDFs and image bombs.

The fields are found through Django's app registry, so a new FileField or
ImageField in any of the portal's apps is tested without being listed here; one
that does not check what its files contain fails the first test.

Each field's validators must reject every bad file with the expected error,
and the admin's add and change forms (for a model in the admin) must answer
with the field's error shown, save nothing and store no file. The bad files
are made in tests/security/files.py.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from netzwerk.validators import MaxFileSizeValidator, validate_image, validate_pdf

from .files import BAD, GOOD, TEST_LIMIT_MB, BadFile
from .html_forms import post_forms


def project_upload_fields() -> list[models.FileField]:
    """The FileFields and ImageFields of the models of the portal's own apps."""
    base = Path(settings.BASE_DIR)
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(base) or ".venv" in path.relative_to(base).parts:
            continue  # Django's and other packages' apps
        for model in config.get_models():
            found += [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
    return found


def label(field: models.FileField) -> str:
    return f"{field.model._meta.label}.{field.name}"


def kind_of(field: models.FileField) -> str | None:
    if validate_pdf in field.validators:
        return "pdf"
    if validate_image in field.validators:
        return "image"
    return None


UPLOAD_FIELDS = project_upload_fields()
FIELD_CASES = [
    pytest.param(field, bad, id=f"{label(field)}: {bad.case}")
    for field in UPLOAD_FIELDS
    if kind_of(field)
    for bad in BAD[kind_of(field)]()
]
ADMIN_UPLOAD_FIELDS = [
    pytest.param(field, id=label(field))
    for field in UPLOAD_FIELDS
    if field.model in admin.site._registry and kind_of(field)
]


@pytest.fixture
def small_limits(settings) -> None:
    settings.MAX_UPLOAD_PDF_MB = TEST_LIMIT_MB
    settings.MAX_UPLOAD_IMAGE_MB = TEST_LIMIT_MB


def test_the_portal_has_upload_fields():
    # If the search found nothing, every test below would pass by testing nothing.
    assert {"meetings.Minutes.document", "handbook.Edition.document"} <= {label(f) for f in UPLOAD_FIELDS}


@pytest.mark.parametrize("field", UPLOAD_FIELDS, ids=label)
def test_every_upload_field_checks_what_its_files_contain(field):
    kind = kind_of(field)
    if isinstance(field, models.ImageField):
        assert kind == "image", f"{label(field)}: an ImageField needs validators=image_upload_validators()"
    assert kind, (
        f"{label(field)} accepts any file: give it validators=pdf_upload_validators() or "
        "image_upload_validators() (netzwerk/validators.py), or a content check of its own here"
    )
    assert any(isinstance(v, MaxFileSizeValidator) for v in field.validators), (
        f"{label(field)}: no size limit"
    )
    assert any(isinstance(v, FileExtensionValidator) for v in field.validators), f"{label(field)}: any name"


def field_errors(field: models.FileField, name: str, content: bytes) -> list[ValidationError]:
    """The errors of the model field's validation for a new upload (as a ModelForm runs it)."""
    instance = field.model()
    setattr(instance, field.name, SimpleUploadedFile(name, content))
    try:
        field.clean(getattr(instance, field.name), instance)
    except ValidationError as error:
        return error.error_list
    return []


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize("field", [f for f in UPLOAD_FIELDS if kind_of(f)], ids=label)
def test_every_upload_field_accepts_a_good_file(field):
    name, make = GOOD[kind_of(field)]

    assert field_errors(field, name, make()) == []


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize(("field", "bad"), FIELD_CASES)
def test_every_upload_field_rejects_a_bad_file(field, bad: BadFile):
    errors = field_errors(field, bad.name, bad.content)

    assert bad.code in [error.code for error in errors], f"{label(field)} accepted: {bad.case}"


@pytest.mark.usefixtures("small_limits")
def test_a_stored_file_is_not_checked_again(db, settings, tmp_path):
    """Saving a form without a new file must not open the stored file (it may be in object storage)."""
    settings.MEDIA_ROOT = tmp_path
    minutes = apps.get_model("meetings", "Minutes").objects.create(title="Protokoll", year=2024)
    minutes.document.save("protokoll.pdf", SimpleUploadedFile("protokoll.pdf", GOOD["pdf"][1]()))
    minutes.refresh_from_db()
    Path(minutes.document.path).write_bytes(b"changed on disk")  # would fail every check

    minutes.full_clean()


@contextmanager
def rolled_back() -> Iterator[None]:
    """Whatever the block writes to the database is undone after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def rows(model: type[models.Model]) -> list[tuple]:
    return list(model._default_manager.order_by("pk").values_list())


def with_unique_values_changed(model: type[models.Model], data: dict[str, list[str]]) -> dict[str, list[str]]:
    """The form data of an existing object, changed so that it can be added as a new one."""
    data = dict(data)
    languages = [code for code, _ in settings.LANGUAGES]
    for field in model._meta.concrete_fields:
        if not field.unique or field.primary_key:
            continue
        for key in [field.name] + [f"{field.name}_{code}" for code in languages]:
            if data.get(key) and data[key][0]:
                value = data[key][0]
                data[key] = [str(int(value) + 1000) if value.isdigit() else f"{value}-neu"]
    # Inline rows belong to the existing object; a new one starts without.
    for key in data:
        if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            data[key] = ["0"]
    return data


def admin_form_data(client: Client, field: models.FileField) -> tuple[str, str, dict[str, list[str]]]:
    """The add and change addresses of the field's model, and valid form data from an existing object."""
    model = field.model
    instance = model._default_manager.order_by("pk").first()
    assert instance, f"the upload test takes valid form data from a {model._meta.label}; the demo has none"
    change_url = reverse(admin_urlname(model._meta, "change"), args=[instance.pk])
    page = client.get(change_url)
    assert page.status_code == 200, change_url
    form = next(form for form in post_forms(page.content.decode(), change_url) if field.name in form.names)
    return reverse(admin_urlname(model._meta, "add")), change_url, form.data()


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


@pytest.mark.usefixtures("small_limits")
@pytest.mark.parametrize("view", ["add", "change"])
@pytest.mark.parametrize("field", ADMIN_UPLOAD_FIELDS)
def test_the_admin_refuses_bad_uploads(field, view, site, superuser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_url, change_url, data = admin_form_data(superuser_client, field)
    url = change_url if view == "change" else add_url
    if view == "add":
        data = with_unique_values_changed(field.model, data)
    kind = kind_of(field)

    # The data is valid: with a good file the form saves. Then only the file can be at fault below.
    name, make = GOOD[kind]
    with rolled_back():
        response = superuser_client.post(url, {**data, field.name: SimpleUploadedFile(name, make())})
        form = response.context["adminform"].form.errors if response.status_code == 200 else None
        assert response.status_code == 302, f"{url} did not save with a good file: {form}"

    for bad in BAD[kind]():
        with rolled_back():
            before, stored = rows(field.model), files_in(tmp_path)

            response = superuser_client.post(
                url, {**data, field.name: SimpleUploadedFile(bad.name, bad.content)}
            )

            assert response.status_code == 200, f"{url}, {bad.case}: {response.status_code}"
            errors = response.context["adminform"].form.errors
            assert list(errors) == [field.name], f"{url}, {bad.case}: {errors}"
            html = response.content.decode()
            for message in errors[field.name]:
                assert escape(message) in html, f"{url}, {bad.case}: the message is not shown"
            assert rows(field.model) == before, f"{url}, {bad.case}: something was saved"
            assert files_in(tmp_path) == stored, f"{url}, {bad.case}: a file was stored"
