from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .permissions import is_coordinator, is_member


def roles(request: HttpRequest) -> dict[str, object]:
    # For menus only; every view checks permissions itself.
    return {
        "is_coordinator": SimpleLazyObject(lambda: is_coordinator(request.user)),
        "is_member": SimpleLazyObject(lambda: is_member(request.user)),
    }
