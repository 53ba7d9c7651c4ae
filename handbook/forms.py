from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGES, Paper


class StartEditionForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[(code, name) for code, name in settings.LANGUAGES if code in LANGUAGES],
        initial=[settings.LANGUAGE_CODE],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One PDF per language. Texts not translated yet are printed in German."),
        error_messages={"required": _("Choose at least one language.")},
    )
    paper = forms.ChoiceField(
        label=_("Paper size"),
        choices=Paper.choices,
        initial=Paper.A4,
        widget=forms.RadioSelect,
    )
