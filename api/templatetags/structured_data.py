import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from meetings.models import Meeting
from members.models import Organisation
from news.models import Post
from offers.models import Offer

from .. import structured_data

register = template.Library()

# As Django's json_script: nothing in the data can end the <script> element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context: template.Context, obj: object) -> SafeString:
    """`{% json_ld organisation %}`: the schema.org description of an organisation, offer, meeting
    or news item."""
    request, network = context["request"], context.get("network")
    if isinstance(obj, Organisation):
        data = structured_data.organisation(request, obj, network)
    elif isinstance(obj, Offer):
        data = structured_data.offer(request, obj)
    elif isinstance(obj, Meeting):
        data = structured_data.meeting(request, obj, network)
    elif isinstance(obj, Post):
        data = structured_data.news_article(request, obj, network)
    else:
        raise TypeError(f"no schema.org description for {type(obj).__name__}")
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(ESCAPES)
    # Data, not a script: the Content-Security-Policy's script-src does not concern it.
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
