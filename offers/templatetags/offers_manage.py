"""For the menu of the members' area: whether to show the link to the offers."""

from django import template

from members.permissions import editable_organisations, is_coordinator

register = template.Library()


@register.simple_tag(takes_context=True)
def may_edit_offers(context: template.Context) -> bool:
    """Coordinators and organisation editors keep offers. For the menu only: the views check
    permissions themselves."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_may_edit_offers", None)
    if cached is None:
        cached = user._may_edit_offers = is_coordinator(user) or editable_organisations(user).exists()
    return cached
