from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Network, Page, Principle


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("description", "meetings_note", "proposals_note")


@register(Principle)
class PrincipleTranslation(TranslationOptions):
    fields = ("text",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("text",)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
