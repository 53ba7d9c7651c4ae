from modeltranslation.translator import TranslationOptions, register

from .models import Language, Offer, Term


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Offer)
class OfferTranslation(TranslationOptions):
    fields = (
        "title",
        "description",
        "opening_hours",
        "fees_description",
        "eligibility",
        "application_process",
        "required_documents",
    )
