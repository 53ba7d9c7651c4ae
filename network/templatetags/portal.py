from collections.abc import Iterator
from dataclasses import dataclass

import markdown as markdown_lib
import nh3
from django import template
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import build_localized_fieldname, resolution_order

from network.languages import content_language

register = template.Library()

# What editors may use in Markdown; everything else is stripped.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown written by coordinators, rendered and sanitised."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 -- nh3 has removed everything not allowed above


@dataclass(frozen=True)
class Translated:
    """A translated field as a page shows it: the text, its language and whether it fell back."""

    text: str
    lang: str
    fallback: bool

    @property
    def attrs(self) -> SafeString:
        """lang and dir for the element that holds the text, when it is not in the page's language
        (a fallback, or English on a page not written in the visitor's language)."""
        if self.lang == get_language():
            return mark_safe("")
        direction = "rtl" if get_language_info(self.lang)["bidi"] else "ltr"
        return format_html(' lang="{}" dir="{}"', self.lang, direction)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class TranslatedList:
    """The same field of several objects, e.g. all goals; fell back if any one of them did."""

    items: list[Translated]

    @property
    def fallback(self) -> bool:
        return any(item.fallback for item in self.items)

    @property
    def lang(self) -> str:
        return next((item.lang for item in self.items if item.fallback), get_language())

    def __iter__(self) -> Iterator[Translated]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _translate(obj: object, field: str, language: str) -> Translated:
    """The field in `language`, or else in the first fallback language that has it, as modeltranslation."""
    text = ""
    for lang in resolution_order(language):
        text = getattr(obj, build_localized_fieldname(field, lang), "") or ""
        if text:
            return Translated(text, lang, fallback=lang != language)
    return Translated(text, language, fallback=False)


def translated_in(obj: object, field: str, language: str) -> Translated:
    """The field in the given language, falling back as `translated` does."""
    return _translate(obj, field, language)


@register.simple_tag
def translated(obj: object, field: str) -> Translated | TranslatedList:
    """`{% translated page "body" as body %}`: `body.text`, `body.lang`, `body.fallback`, `body.attrs`.

    Given a list or queryset, gives a list of them whose `fallback` is true if any item fell back.
    The language is the page's content language: English on a page not written in the visitor's.
    """
    language = content_language()
    if obj is None or isinstance(obj, str):
        return Translated("", language, fallback=False)
    if isinstance(obj, list | tuple | QuerySet):
        return TranslatedList([_translate(item, field, language) for item in obj])
    return _translate(obj, field, language)


@register.inclusion_tag("network/_fallback_note.html")
def fallback_note(value: Translated | TranslatedList) -> dict[str, object]:
    """A visible note that a text is shown in another language (German) because it is not translated yet."""
    if not value.fallback:
        return {"show": False}
    return {
        "show": True,
        "language": get_language_info(get_language())["name_translated"],
        "original": get_language_info(value.lang)["name_translated"],
    }
