"""A person's meeting data: in their data download, and gone from mails and feeds when anonymised."""

import json

import pytest
from django.urls import reverse

from meetings.models import CalendarFeed, Invitation
from meetings.tests.sample import make_sample
from members import services
from members.models import Organisation, User
from outbox.models import Mail


@pytest.fixture
def sample(member_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_sample(member_user.person, Organisation.objects.get(slug="testorganisation-mitglied"))


def test_the_data_download_has_the_meeting_data(member_client, sample):
    response = member_client.get(reverse("members:data-download"))

    data = json.loads(response.content)["meetings"]
    assert data["invitations"][0]["meeting"] == str(sample.meeting)
    assert data["attendance"][0]["status"] == "present"
    assert data["topic_proposals"][0]["title"] == "Beispielthema"
    assert data["supported_proposals"][0]["title"] == "Beispielthema"
    assert len(data["personal_calendar"]) == 1


def test_anonymising_forgets_addresses_mail_texts_and_the_calendar(member_user, sample):
    coordinator = User.objects.create_user(email="koordination@example.org", is_coordinator=True)
    queued = Mail.objects.create(to=member_user.email, subject="Erinnerung", body_text="Hallo Test Mitglied")

    services.anonymise(member_user.person, coordinator)

    invitation = Invitation.objects.get(pk=sample.invitation.pk)
    assert invitation.email == ""
    assert invitation.response == sample.invitation.response  # the answer stays, under the new name
    assert not CalendarFeed.objects.filter(pk=sample.calendar_feed.pk).exists()
    for mail in Mail.objects.filter(pk__in=[queued.pk, sample.mail.pk]):
        assert mail.to.endswith("@invalid")
        assert (mail.subject, mail.body_text, mail.body_html, mail.attachments) == ("", "", "", [])
    queued.refresh_from_db()
    assert queued.status == Mail.Status.FAILED  # never sent to the old address
