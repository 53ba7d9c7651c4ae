"""Sends the portal's e-mails. Each e-mail is three templates under
templates/emails/: <name>-subject.txt, <name>-body.txt and <name>-body.html,
rendered in the recipient's language."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render(name: str, context: dict[str, object], language: str | None = None) -> EmailMultiAlternatives:
    from network.models import Network  # the network app's models import this module's users

    context = {"site_url": settings.SITE_URL, "network": Network.objects.first(), **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text)
    message.attach_alternative(html, "text/html")
    return message


def send(name: str, to: Iterable[str], context: dict[str, object], language: str | None = None) -> None:
    message = render(name, context, language)
    message.to = list(to)
    message.send()
