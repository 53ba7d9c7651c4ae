"""Queue e-mails. Every e-mail of a meeting goes through here, so that a mail
server that is away delays mails but loses none."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction

from netzwerk import emails

from .models import Mail


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def queue(
    name: str,
    to: str,
    context: dict[str, object],
    language: str | None = None,
    attachments: Iterable[Attachment] = (),
    purpose: str = "",
    reply_to: str = "",
) -> Mail:
    """Renders the e-mail `name` (templates/emails/) in the recipient's language
    and queues it. The task row is written in the same transaction as the mail,
    so either both exist or neither does."""
    from .tasks import deliver

    message = emails.render(name, context, language)
    html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    with transaction.atomic():
        mail = Mail.objects.create(
            to=to,
            subject=message.subject[:300],
            body_text=message.body,
            body_html=html,
            attachments=[asdict(a) for a in attachments],
            purpose=purpose,
            reply_to=reply_to,
        )
        deliver.enqueue(mail.pk)
    return mail
