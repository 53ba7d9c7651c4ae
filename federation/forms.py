from django import forms
from django.utils.translation import gettext as _

from network.models import Network

from .client import FetchError
from .models import Neighbour
from .remote import read_index


class NeighbourForm(forms.ModelForm):
    """A neighbouring network. Its API address is asked on save: it must answer like the open
    data API of a Netzwerkportal (federation/remote.py)."""

    class Meta:
        model = Neighbour
        fields = ["name", "slug", "api_url", "is_active"]

    def clean_api_url(self) -> str:
        url = self.cleaned_data["api_url"].strip()
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Enter an address that starts with https:// or http://."))
        url = url.split("?", 1)[0].split("#", 1)[0]
        if not url.endswith("/"):
            url += "/"
        if "api_url" not in self.changed_data and url == self.initial.get("api_url"):
            return url
        try:
            index = read_index(url)
        except FetchError as error:
            raise forms.ValidationError(str(error)) from None
        own = Network.objects.values_list("name", flat=True).first()
        if own and index.text("name") == own:
            raise forms.ValidationError(
                _("This is the API of this portal itself, not of a neighbouring network.")
            )
        return url
