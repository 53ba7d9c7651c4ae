from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, OrganisationKind


@register(OrganisationKind)
class OrganisationKindTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
