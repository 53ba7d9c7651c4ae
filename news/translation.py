from modeltranslation.translator import TranslationOptions, register

from .models import Post


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    # German is the network's language: a post is written in German first.
    required_languages = {"de": ("title", "body")}
