"""Award expiry, re-accreditation reminders and the public listing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from awards import services
from awards.models import Application, Award
from awards.tasks import reaccreditation_sweep
from sanctuary.models import ReminderLog, SweepRun
from tests.awards.factories import make_award

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def award(national_staff):
    with time_machine.travel(START, tick=False):
        return make_award(national_staff)


def _sweep_at(day: dt.date, django_capture_on_commit_callbacks):
    moment = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return reaccreditation_sweep()


def test_award_lasts_three_years(award):
    assert award.awarded_on == dt.date(2026, 3, 10)
    assert award.expires_on == dt.date(2029, 3, 10)


def test_reminders_are_sent_once_each_even_when_the_sweep_runs_twice(
    award, mailoutbox, django_capture_on_commit_callbacks
):
    assert _sweep_at(dt.date(2028, 12, 9), django_capture_on_commit_callbacks) == 0
    for day, rule in [
        (dt.date(2028, 12, 10), "awards.reaccreditation_3_months"),
        (dt.date(2029, 2, 10), "awards.reaccreditation_1_month"),
        (dt.date(2029, 3, 10), "awards.reaccreditation_expired"),
    ]:
        mailoutbox.clear()
        assert _sweep_at(day, django_capture_on_commit_callbacks) == 1
        assert _sweep_at(day, django_capture_on_commit_callbacks) == 0
        assert _sweep_at(day + dt.timedelta(days=1), django_capture_on_commit_callbacks) == 0
        assert ReminderLog.objects.filter(rule=rule, object_id=str(award.pk)).count() == 1
        assert [m.to[0] for m in mailoutbox] == [award.application.applicant.email]
    assert "expired" in mailoutbox[0].subject
    assert SweepRun.objects.get(name="awards.tasks.reaccreditation_sweep").last_finished_at


def test_expired_award_leaves_the_listing_without_any_sweep(client, award):
    url = reverse("awards:stream", args=[award.stream.slug])
    name = award.organisation.name
    with time_machine.travel(dt.datetime(2029, 3, 9, 12, tzinfo=dt.UTC)):
        assert name in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2029, 3, 10, 12, tzinfo=dt.UTC)):
        assert name not in client.get(url).content.decode()
        assert Award.objects.get().status == Award.Status.CURRENT


def test_verify_page_reports_current_expired_and_unknown(client, award):
    url = reverse("awards:verify", args=[award.verification_code])
    with time_machine.travel(dt.datetime(2027, 1, 1, tzinfo=dt.UTC)):
        assert "genuine and the award is current" in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2029, 6, 1, tzinfo=dt.UTC)):
        assert "has expired" in client.get(url).content.decode()
    unknown = client.get(reverse("awards:verify", args=["not-a-real-code"]))
    assert unknown.status_code == 404 and "no certificate with this code" in unknown.content.decode()


def test_verification_codes_are_long_and_random(national_staff, award):
    other = make_award(national_staff)
    assert len(award.verification_code) >= 24 and award.verification_code != other.verification_code


def test_reaccreditation_is_prefilled_and_renews_the_award(client_for, award, national_staff):
    Application.objects.filter(pk=award.application_id).update(commitments="Train every new member of staff.")
    with time_machine.travel(dt.datetime(2028, 1, 1, tzinfo=dt.UTC)):
        client = client_for(award.application.applicant)
        client.post(reverse("awards:reaccredit", args=[award.pk]))
        assert not Application.objects.filter(previous_award=award).exists()
    with time_machine.travel(dt.datetime(2029, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        # Signed in on the day: sessions do not last years.
        client = client_for(award.application.applicant)
        response = client.post(reverse("awards:reaccredit", args=[award.pk]))
        renewal = Application.objects.get(previous_award=award)
        assert response.url == reverse("awards:application", args=[renewal.pk])
        old = {a.criterion_id: a.account for a in award.application.answers.all()}
        assert {a.criterion_id: a.account for a in renewal.answers.all()} == old
        assert renewal.commitments == "Train every new member of staff."
        services.commitments_save(application=renewal, user=renewal.applicant, commitments="Keep training.")
        services.answer_save(
            application=renewal,
            criterion=renewal.answers.first().criterion,
            user=renewal.applicant,
            account="Updated for this year.",
            links="",
            complete=True,
        )
        services.answer_save(
            application=renewal,
            criterion=renewal.answers.last().criterion,
            user=renewal.applicant,
            account="Still doing it.",
            links="",
            complete=True,
        )
        renewal = services.application_submit(application=renewal, user=renewal.applicant)
        from tests.awards.factories import make_panel, review_all

        members = make_panel(renewal, national_staff)
        services.review_start(application=renewal, actor=national_staff)
        review_all(renewal, members)
        services.application_decide(
            application=renewal, awarded=True, feedback="Renewed.", actor=national_staff
        )
    award.refresh_from_db()
    new = Award.objects.get(application=renewal)
    assert award.status == Award.Status.RENEWED and award.successor == new
    # An early renewal runs on from the old expiry date.
    assert new.expires_on == dt.date(2032, 3, 10)
    with time_machine.travel(dt.datetime(2029, 2, 1, tzinfo=dt.UTC)):
        assert list(Award.objects.current()) == [new]


def test_more_evidence_due_date_reminds_applicant_then_tells_staff_once(
    national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.awards.factories import make_panel, make_submitted

    with time_machine.travel(START, tick=False):
        application = make_submitted()
        make_panel(application, national_staff)
        application = services.review_start(application=application, actor=national_staff)
        services.evidence_request(
            application=application,
            answers=[application.answers.first()],
            note="More please.",
            due_on=dt.date(2026, 3, 24),
            actor=national_staff,
        )
    mailoutbox.clear()
    _sweep_at(dt.date(2026, 3, 20), django_capture_on_commit_callbacks)
    assert mailoutbox == []
    for _ in range(2):
        _sweep_at(dt.date(2026, 3, 21), django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox] == [application.applicant.email]
    for _ in range(2):
        _sweep_at(dt.date(2026, 3, 25), django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox][1:] == [national_staff.email]
    assert "overdue" in mailoutbox[1].subject


def test_registered_interest_is_told_once_when_the_stream_opens(
    mailoutbox, django_capture_on_commit_callbacks
):
    from awards.models import Stream
    from tests.awards.factories import make_stream
    from tests.factories import OrganisationContactFactory

    stream = make_stream(
        window=Stream.Window.DATES, opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 10, 31)
    )
    contact = OrganisationContactFactory()
    with time_machine.travel(START, tick=False):
        services.interest_register(stream=stream, organisation=contact.organisation, user=contact.user)
    _sweep_at(dt.date(2026, 8, 31), django_capture_on_commit_callbacks)
    assert mailoutbox == []
    for day in (dt.date(2026, 9, 1), dt.date(2026, 9, 2)):
        _sweep_at(day, django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox] == [contact.user.email]


def _more_awards_like(award: Award, count: int) -> None:
    """``count`` more current awards expiring with ``award``, each for its own organisation."""
    from tests.factories import OrganisationContactFactory

    for _ in range(count):
        contact = OrganisationContactFactory()
        n = Award.objects.count()
        application = Application.objects.create(
            stream=award.stream,
            organisation=contact.organisation,
            applicant=contact.user,
            status=Application.Status.AWARDED,
        )
        Award.objects.create(
            number=f"SA-2026-9{n:04d}",  # unique: one more than there are awards
            application=application,
            stream=award.stream,
            organisation=contact.organisation,
            awarded_on=award.awarded_on,
            expires_on=award.expires_on,
            verification_code=f"test-code-{award.pk}-{n}",
        )


def test_sweep_queries_do_not_grow_with_the_awards_due(award):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = dt.date(2028, 12, 10)
    _more_awards_like(award, 1)

    def sweep() -> tuple[int, int]:
        # Delivery happens later in the worker, one task per hundred emails: not counted here.
        moment = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as ctx:
            sent = reaccreditation_sweep()
        return sent, len(ctx.captured_queries)

    with time_machine.travel(dt.datetime(2028, 12, 9, 9, tzinfo=dt.UTC), tick=False):
        assert reaccreditation_sweep() == 0  # the sweep's bookkeeping row exists from here on
    sent_few, queries_few = sweep()
    _more_awards_like(award, 6)
    sent_more, queries_more = sweep()
    assert (sent_few, sent_more) == (2, 6)  # the first two were recorded by the first run
    assert queries_more == queries_few
    assert sweep()[0] == 0


def test_a_reminder_recorded_by_reminder_send_is_not_sent_again_by_the_sweep(
    award, mailoutbox, django_capture_on_commit_callbacks
):
    from sanctuary.notifications import reminder_send

    reminder_send(
        obj=award,
        rule="awards.reaccreditation_3_months",
        reference_date=award.expires_on,
        template="awards/emails/reaccreditation",
        to=award.application.applicant.email,
        context={"organisation": "x", "award": "x", "number": award.number, "expires_on": "", "url": ""},
    )
    assert _sweep_at(dt.date(2028, 12, 10), django_capture_on_commit_callbacks) == 0
