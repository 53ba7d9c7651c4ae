from modeltranslation.translator import TranslationOptions, register

from .models import Language, Offer, Term


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


# An offer's texts, in every language (also what exports and imports carry per language).
OFFER_TEXTS = (
    "title",
    "description",
    "opening_hours",
    "fees_description",
    "eligibility",
    "application_process",
    "required_documents",
)


@register(Offer)
class OfferTranslation(TranslationOptions):
    fields = OFFER_TEXTS
