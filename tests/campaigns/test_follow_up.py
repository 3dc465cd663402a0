from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from campaigns import tokens
from campaigns.models import Action, SupporterPreference
from campaigns.tasks import follow_up_sweep
from sanctuary.models import ReminderLog, SweepRun
from tests.campaigns.factories import ActionFactory, action_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DONE_ON = dt.date(2026, 3, 2)


def run_sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return follow_up_sweep()


def outcome_link(mail) -> str:
    body = mail.body
    start = body.index("/campaigns/outcome/")
    return body[start : body.index("\n", start)].strip()


def test_follow_up_is_sent_once_two_weeks_after_the_action(mailoutbox, django_capture_on_commit_callbacks):
    action = ActionFactory(done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 3, 15, 9, tzinfo=dt.UTC), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks)["sent"] == 0
    assert mailoutbox == []
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False):
        assert run_sweep(django_capture_on_commit_callbacks)["sent"] == 1
        assert run_sweep(django_capture_on_commit_callbacks)["sent"] == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [action.user.email]
    assert "How did it go?" in mailoutbox[0].subject
    assert "/campaigns/unsubscribe/" in mailoutbox[0].body
    assert ReminderLog.objects.filter(rule="campaigns.follow_up", object_id=str(action.pk)).count() == 1
    assert SweepRun.objects.get(name="campaigns.follow_up_sweep").last_finished_at is not None


def test_the_reminder_log_stops_a_second_email_even_if_the_action_is_reopened(
    mailoutbox, django_capture_on_commit_callbacks
):
    action = ActionFactory(done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
        Action.objects.filter(pk=action.pk).update(follow_up_settled_at=None)
        run_sweep(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_no_follow_up_for_types_without_an_outcome(mailoutbox, django_capture_on_commit_callbacks):
    ActionFactory(done_on=DONE_ON, action_type=action_type("conversation"), details={"with_whom": "friend"})
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_no_follow_up_once_the_outcome_is_recorded(mailoutbox, django_capture_on_commit_callbacks):
    ActionFactory(done_on=DONE_ON, outcome={"reply": "no"}, outcome_recorded_at=timezone.now())
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_unsubscribed_people_get_no_follow_up(mailoutbox, django_capture_on_commit_callbacks):
    action = ActionFactory(done_on=DONE_ON)
    SupporterPreference.objects.create(user=action.user, follow_up_emails=False)
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        result = run_sweep(django_capture_on_commit_callbacks)
    assert result["skipped"] == 1
    assert mailoutbox == []


def test_unsubscribe_link_turns_follow_ups_off_after_a_button_press(client):
    person = UserFactory()
    url = reverse("campaigns:unsubscribe", args=[tokens.unsubscribe_token(person)])
    assert client.get(url).status_code == 200
    assert not SupporterPreference.objects.filter(user=person).exists()
    assert client.post(url).status_code == 200
    assert SupporterPreference.objects.get(user=person).follow_up_emails is False


def test_a_tampered_unsubscribe_link_is_refused(client):
    person = UserFactory()
    assert (
        client.get(
            reverse("campaigns:unsubscribe", args=["x" + tokens.unsubscribe_token(person)])
        ).status_code
        == 404
    )


def test_emailed_link_records_the_outcome_for_its_owner(
    mailoutbox, django_capture_on_commit_callbacks, client_for
):
    action = ActionFactory(done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
        link = outcome_link(mailoutbox[0])
        client = client_for(action.user)
        assert client.get(link).status_code == 200
        response = client.post(
            link, {"outcome_reply": "yes", "outcome_reply_on": "2026-03-18", "outcome_stance": "supportive"}
        )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.outcome == {"reply": "yes", "reply_on": "2026-03-18", "stance": "supportive"}
    assert action.outcome_positive is True


def test_outcome_link_does_not_work_for_anyone_else(client_for, client):
    action = ActionFactory(done_on=DONE_ON)
    link = reverse("campaigns:outcome", args=[tokens.outcome_token(action)])
    assert client_for(UserFactory()).get(link).status_code == 404
    assert client_for(UserFactory()).post(link, {"outcome_reply": "yes"}).status_code == 404
    anonymous = client.get(link)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    action.refresh_from_db()
    assert action.outcome is None


def test_outcome_link_expires(client_for, settings):
    settings.CAMPAIGN_OUTCOME_LINK_DAYS = 30
    action = ActionFactory(done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False):
        link = reverse("campaigns:outcome", args=[tokens.outcome_token(action)])
    with time_machine.travel(dt.datetime(2026, 4, 14, 9, tzinfo=dt.UTC), tick=False):
        assert client_for(action.user).get(link).status_code == 200
    with time_machine.travel(dt.datetime(2026, 4, 16, 9, tzinfo=dt.UTC), tick=False):
        response = client_for(action.user).post(link, {"outcome_reply": "yes"})
    assert response.status_code == 410
    action.refresh_from_db()
    assert action.outcome is None


def test_outcome_requires_the_types_required_answers_and_a_sensible_date(client_for):
    action = ActionFactory(done_on=DONE_ON)
    link = reverse("campaigns:outcome", args=[tokens.outcome_token(action)])
    response = client_for(action.user).post(link, {"outcome_reply": "", "outcome_reply_on": "2026-02-01"})
    form = response.context["form"]
    assert "outcome_reply" in form.errors
    assert "outcome_reply_on" in form.errors


def test_no_outcome_page_for_types_without_an_outcome(client_for):
    action = ActionFactory(action_type=action_type("conversation"), details={"with_whom": "friend"})
    link = reverse("campaigns:outcome", args=[tokens.outcome_token(action)])
    assert client_for(action.user).get(link).status_code == 404


def test_supporter_turns_follow_ups_off_and_on_from_their_list(client_for, user):
    client = client_for(user)
    client.post(reverse("campaigns:preferences"))
    assert SupporterPreference.objects.get(user=user).follow_up_emails is False
    assert client.get(reverse("campaigns:mine")).context["follow_ups"] is False
    client.post(reverse("campaigns:preferences"), {"follow_up_emails": "on"})
    assert SupporterPreference.objects.get(user=user).follow_up_emails is True
