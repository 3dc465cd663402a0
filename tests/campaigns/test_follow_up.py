from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import services, tokens
from campaigns.models import Action, SupporterPreference
from campaigns.tasks import follow_up_sweep
from sanctuary import notifications
from sanctuary.models import OutboundEmail, ReminderLog, SweepRun
from sanctuary.tasks import outbox_sweep
from sanctuary.unsubscribe import unsubscribe_url
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
    assert "/unsubscribe/" in mailoutbox[0].body
    assert ReminderLog.objects.filter(rule="campaigns.follow_up", object_id=str(action.pk)).count() == 1
    assert SweepRun.objects.get(name="campaigns.tasks.follow_up_sweep").last_finished_at is not None


def test_the_reminder_log_stops_a_second_email_even_if_the_action_is_reopened(
    mailoutbox, django_capture_on_commit_callbacks
):
    action = ActionFactory(done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
        Action.objects.filter(pk=action.pk).update(follow_up_settled_at=None)
        run_sweep(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_no_follow_up_for_types_without_an_outcome(mailoutbox, django_capture_on_commit_callbacks):
    ActionFactory(done_on=DONE_ON, action_type=action_type("conversation"), details={"with_whom": "friend"})
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_no_follow_up_once_the_outcome_is_recorded(mailoutbox, django_capture_on_commit_callbacks):
    ActionFactory(done_on=DONE_ON, outcome={"reply": "no"}, outcome_recorded_at=timezone.now())
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=dt.UTC), tick=False):
        run_sweep(django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_unsubscribed_people_get_no_follow_up(mailoutbox, django_capture_on_commit_callbacks):
    action = ActionFactory(done_on=DONE_ON)
    SupporterPreference.objects.create(user=action.user, follow_up_emails=False)
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, tzinfo=dt.UTC), tick=False):
        result = run_sweep(django_capture_on_commit_callbacks)
    assert result["skipped"] == 1
    assert mailoutbox == []


def test_unsubscribe_link_turns_follow_ups_off_after_a_button_press(client):
    person = UserFactory()
    url = unsubscribe_url(user_id=person.pk, topic=services.FOLLOW_UP_TOPIC)
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


# --- which actions are followed up, and how the sweep scales -----------------------------------


def sweep_on(day: dt.date, django_capture_on_commit_callbacks, **kwargs):
    morning = dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC)
    with time_machine.travel(morning, tick=False), django_capture_on_commit_callbacks(execute=True):
        return services.follow_up_sweep_run(**kwargs)


FOLLOW_UP_DAY = DONE_ON + dt.timedelta(days=14)


@pytest.mark.parametrize("days_late", [0, 1, 6])
def test_a_sweep_that_missed_a_few_days_still_sends_the_follow_up(
    days_late, mailoutbox, django_capture_on_commit_callbacks
):
    ActionFactory(done_on=DONE_ON)
    counts = sweep_on(FOLLOW_UP_DAY + dt.timedelta(days=days_late), django_capture_on_commit_callbacks)
    assert counts == {"sent": 1, "skipped": 0}
    assert len(mailoutbox) == 1


def test_no_follow_up_for_an_action_whose_follow_up_day_is_a_week_or_more_past(
    mailoutbox, django_capture_on_commit_callbacks
):
    late = ActionFactory(done_on=DONE_ON)
    ancient = ActionFactory(done_on=DONE_ON - dt.timedelta(days=100))
    assert sweep_on(FOLLOW_UP_DAY + dt.timedelta(days=7), django_capture_on_commit_callbacks)["sent"] == 0
    assert mailoutbox == []
    # Never mailed, and not marked as if they had been.
    assert Action.objects.filter(pk__in=[late.pk, ancient.pk], follow_up_settled_at__isnull=True).count() == 2
    assert not ReminderLog.objects.exists()


def test_the_sweep_drains_every_due_follow_up_batch_by_batch(mailoutbox, django_capture_on_commit_callbacks):
    actions = ActionFactory.create_batch(7, done_on=DONE_ON)
    assert sweep_on(FOLLOW_UP_DAY, django_capture_on_commit_callbacks, batch=3) == {"sent": 7, "skipped": 0}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(a.user.email for a in actions)
    assert sweep_on(FOLLOW_UP_DAY, django_capture_on_commit_callbacks, batch=3) == {"sent": 0, "skipped": 0}
    assert len(mailoutbox) == 7


def test_a_batch_takes_the_same_queries_however_many_actions_it_holds(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    def due_actions(count: int) -> None:
        made = ActionFactory.create_batch(count, done_on=DONE_ON)
        # Every kind of owner: one turned follow-ups off, one closed their account.
        SupporterPreference.objects.create(user=made[0].user, follow_up_emails=False)
        made[1].user.is_active = False
        made[1].user.save(update_fields=["is_active"])

    day = dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC)
    due_actions(3)
    with (
        time_machine.travel(day, tick=False),
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as few,
    ):
        assert services.follow_ups_send(limit=100) == {"sent": 1, "skipped": 2}
    due_actions(40)
    with (
        time_machine.travel(day, tick=False),
        django_capture_on_commit_callbacks(execute=True),
        django_assert_num_queries(len(few.captured_queries)),
    ):
        assert services.follow_ups_send(limit=100) == {"sent": 38, "skipped": 2}


def test_the_email_carries_the_action_and_working_links(mailoutbox, django_capture_on_commit_callbacks):
    action = ActionFactory(done_on=DONE_ON, user=UserFactory(display_name="Amira Example"))
    sweep_on(FOLLOW_UP_DAY, django_capture_on_commit_callbacks)
    mail = mailoutbox[0]
    assert mail.subject == "How did it go? Write to your MP or a candidate"
    for text in ("Hello Amira Example", action.campaign.title, "2026-03-02", "/unsubscribe/"):
        assert text in mail.body
    assert mail.alternatives[0].mimetype == "text/html"
    with time_machine.travel(dt.datetime(2026, 3, 17, tzinfo=dt.UTC)):
        claim = tokens.outcome_read(outcome_link(mail).rsplit("/", 2)[-2])
    assert claim == {"a": action.pk, "u": action.user_id}


def test_a_batch_that_fails_midway_records_nothing_and_the_next_sweep_sends_it_all(
    mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    ActionFactory.create_batch(3, done_on=DONE_ON)
    real_render = notifications.render_email
    calls = []

    def fail_on_the_third(template, context, **kwargs):
        calls.append(template)
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real_render(template, context, **kwargs)

    monkeypatch.setattr(notifications, "render_email", fail_on_the_third)
    with pytest.raises(RuntimeError):
        sweep_on(FOLLOW_UP_DAY, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert not ReminderLog.objects.exists()
    assert not Action.objects.filter(follow_up_settled_at__isnull=False).exists()
    monkeypatch.setattr(notifications, "render_email", real_render)
    assert sweep_on(FOLLOW_UP_DAY, django_capture_on_commit_callbacks)["sent"] == 3
    assert len(mailoutbox) == 3


def test_follow_ups_recorded_but_never_handed_to_a_worker_go_out_with_the_outbox_sweep(mailoutbox):
    ActionFactory.create_batch(2, done_on=DONE_ON)
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False):
        # The transaction committed, then the process died before its after-commit work ran.
        services.follow_up_sweep_run()
    assert mailoutbox == []
    assert OutboundEmail.objects.filter(status=OutboundEmail.Status.PENDING).count() == 2
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, 5, tzinfo=dt.UTC), tick=False):
        assert outbox_sweep() == 2
        assert services.follow_up_sweep_run() == {"sent": 0, "skipped": 0}
    assert len(mailoutbox) == 2
