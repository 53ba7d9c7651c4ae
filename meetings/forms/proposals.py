"""Forms of the topic proposals: propose, put on an agenda, decline."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import Meeting, TopicProposal
from ..proposals import open_meetings


class MeetingChoiceField(forms.ModelChoiceField):
    """An upcoming meeting, shown by its date and topic."""

    def label_from_instance(self, meeting: Meeting) -> str:
        day = date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
        return f"{day}: {meeting.topic or meeting.get_kind_display()}"


class ProposalForm(forms.ModelForm):
    meeting = MeetingChoiceField(
        label=_("For which meeting?"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("No particular meeting"),
    )

    class Meta:
        model = TopicProposal
        fields = ["title", "reason", "meeting"]
        labels = {"title": _("Topic"), "reason": _("Why should the meeting discuss it?")}
        help_texts = {
            "reason": _("A few sentences: what it is about, and what the meeting could do about it."),
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = open_meetings()

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()


class AcceptForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("On the agenda of"),
        queryset=Meeting.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the meeting whose agenda the topic goes on.")},
        help_text=_("The topic becomes the last item of this meeting's agenda."),
    )

    def __init__(self, *args, proposal: TopicProposal, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        meetings = open_meetings()
        self.fields["meeting"].queryset = meetings
        if proposal.meeting_id and meetings.filter(pk=proposal.meeting_id).exists():
            self.fields["meeting"].initial = proposal.meeting_id


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the proposal declined?"),
        help_text=_("The proposer receives this reason by e-mail, and members see it with the proposal."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please give the reason: the proposer is told why.")},
    )
