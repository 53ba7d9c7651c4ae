"""The admin's own weak spots, checked for every ModelAdmin."""

from django.contrib import admin

from netzwerk.admin_widgets import AutocompleteAdminMixin


def test_every_admin_with_autocomplete_fields_uses_the_safe_widgets():
    """Django's autocomplete widgets fail (500) on a made-up id; see netzwerk/admin_widgets.py."""
    unsafe = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if model_admin.autocomplete_fields and not isinstance(model_admin, AutocompleteAdminMixin)
    ]

    assert not unsafe, (
        f"put AutocompleteAdminMixin first in the bases of {unsafe} (netzwerk/admin_widgets.py)"
    )
