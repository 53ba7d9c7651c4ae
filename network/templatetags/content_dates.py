"""Django's `date` filter, in the language of the page's content.

A page asked for in a language it is not written in shows its content in English
(network/languages.py); its dates belong to that content: "September 2006", not
"Сентябрь 2006" beside English text. Loaded as a builtin (settings.TEMPLATES), so
that every template's `|date` is this one.
"""

from django import template
from django.template import defaultfilters
from django.utils import translation

from network.languages import content_language

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    language = content_language()
    if language == translation.get_language():
        return defaultfilters.date(value, arg)
    with translation.override(language):
        return defaultfilters.date(value, arg)
