import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from la_network import selectors, services, tasks
from la_network.models import Application, Membership, Requirement
from la_network.selectors import members_on
from sanctuary.models import AuditEvent, ReminderLog, SweepRun
from tests.factories import make_lead
from tests.helpers import QueryCounter
from tests.la_network.factories import CouncilContactFactory, complete_values, make_membership, verify_all

pytestmark = pytest.mark.django_db

START = dt.date(2026, 1, 15)
END = dt.date(2029, 1, 14)  # three years, less a day
IN_WINDOW = dt.datetime(2028, 8, 1, 9, tzinfo=dt.UTC)  # the renewal opens on 14 July 2028


def sweep_on(day: dt.date, capture) -> dict:
    moment = dt.datetime.combine(day, dt.time(6, 10), tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return tasks.renewal_sweep.delay().get()


@pytest.fixture
def membership():
    contact = CouncilContactFactory()
    member = make_membership(starts_on=START, contact=contact)
    make_lead(member.application.groups.get(), email="lead@example.org")
    return member


def test_term_is_three_years_from_approval(membership):
    assert membership.ends_on == END


@pytest.mark.parametrize(
    "day,rule",
    [
        (dt.date(2028, 7, 14), "expiry_6m"),
        (dt.date(2028, 10, 14), "expiry_3m"),
        (dt.date(2028, 12, 14), "expiry_1m"),
        (END, "expiry_day"),
    ],
)
def test_reminders_go_out_on_their_day_once_each(
    membership, day, rule, mailoutbox, django_capture_on_commit_callbacks
):
    assert sweep_on(day - dt.timedelta(days=1), django_capture_on_commit_callbacks)["reminders"] in (0, 1)
    mailoutbox.clear()
    ReminderLog.objects.filter(rule=rule).delete()  # the day before may have sent the previous rule only
    result = sweep_on(day, django_capture_on_commit_callbacks)
    assert result["reminders"] == 1
    assert ReminderLog.objects.filter(rule=rule, reference_date=END).count() == 1
    recipients = {address for message in mailoutbox for address in message.to}
    assert {
        membership.application.created_by.email,
        "lead@example.org",
        "cllr@example.org",
        "officer@example.org",
    } <= recipients
    mailoutbox.clear()
    # Run twice on the same day: nothing more is sent.
    assert sweep_on(day, django_capture_on_commit_callbacks)["reminders"] == 0
    assert mailoutbox == []


def test_whole_term_sends_four_reminders_and_no_more(
    membership, mailoutbox, django_capture_on_commit_callbacks
):
    day = dt.date(2028, 7, 1)
    while day <= END + dt.timedelta(days=3):
        sweep_on(day, django_capture_on_commit_callbacks)
        day += dt.timedelta(days=1)
    rules = list(ReminderLog.objects.order_by("created_at").values_list("rule", flat=True))
    assert rules == ["expiry_6m", "expiry_3m", "expiry_1m", "expiry_day"]
    assert not ReminderLog.objects.filter(rule="expiry_6m").exclude(reference_date=END).exists()


def test_no_reminder_before_six_months(membership, mailoutbox, django_capture_on_commit_callbacks):
    assert sweep_on(dt.date(2028, 7, 13), django_capture_on_commit_callbacks) == {"reminders": 0, "lapsed": 0}
    assert mailoutbox == []


def test_membership_lapses_the_day_after_expiry_not_on_it(membership, django_capture_on_commit_callbacks):
    sweep_on(END, django_capture_on_commit_callbacks)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    result = sweep_on(END + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    membership.refresh_from_db()
    assert result["lapsed"] == 1
    assert membership.status == Membership.Status.LAPSED
    assert membership.lapsed_on == END + dt.timedelta(days=1)
    assert SweepRun.objects.get(name="la_network.tasks.renewal_sweep").last_result == result


def _terms_ending(n: int) -> list[Membership]:
    """``n`` memberships, half of them past their end (to lapse), half a month from it (to remind)."""
    made = []
    for i in range(n):
        member = make_membership(starts_on=START + dt.timedelta(days=i % 2 * 40))
        make_lead(member.application.groups.get())
        made.append(member)
    return made


def test_renewal_sweep_runs_the_same_queries_for_one_membership_or_many(django_capture_on_commit_callbacks):
    day = END + dt.timedelta(days=10)  # the first of each pair has lapsed, the second is a month off

    def sweep_queries() -> tuple[int, dict]:
        counter = QueryCounter()
        moment = dt.datetime.combine(day, dt.time(6, 10), tzinfo=dt.UTC)
        # The emails go after commit, from the worker: only the sweep's own queries are counted.
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=False),
            connection.execute_wrapper(counter),
        ):
            result = tasks.renewal_sweep.delay().get()
        return counter.count, result

    sweep_on(day, django_capture_on_commit_callbacks)  # the sweep's bookkeeping row, as deployed
    _terms_ending(2)
    small, result = sweep_queries()
    assert result == {"reminders": 2, "lapsed": 1}
    _terms_ending(8)
    large, result = sweep_queries()
    assert result == {"reminders": 8, "lapsed": 4}
    assert large == small


def test_lapsing_is_audited_for_each_membership(django_capture_on_commit_callbacks):
    ended = _terms_ending(3)
    result = sweep_on(END + dt.timedelta(days=10), django_capture_on_commit_callbacks)
    assert result["lapsed"] == 2
    lapsed = {str(m.pk) for m in ended if m.ends_on < END + dt.timedelta(days=10)}
    events = AuditEvent.objects.filter(action="la_network.membership_lapsed")
    assert set(events.values_list("object_id", flat=True)) == lapsed
    assert set(events.values_list("object_type", flat=True)) == {"la_network.membership"}
    lapsed_on = END + dt.timedelta(days=1)
    assert Membership.objects.filter(status=Membership.Status.LAPSED, lapsed_on=lapsed_on).count() == 2


def test_renewal_approved_before_expiry_continues_without_a_gap(
    membership, national_staff, django_capture_on_commit_callbacks
):
    applicant = membership.application.created_by
    with time_machine.travel(IN_WINDOW, tick=False):
        renewal = services.membership_renewal_start(membership=membership, actor=applicant)
    assert renewal.renewal_of == membership
    assert renewal.strategy_url == membership.application.strategy_url  # pre-filled
    assert set(renewal.sections_to_confirm) == set(Requirement.values)
    with time_machine.travel(dt.datetime(2028, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(services.ApplicationIncomplete):
            services.application_submit(application=renewal, actor=applicant)
        values = complete_values()
        for section, names in services.SECTION_FIELDS.items():
            services.application_section_save(
                application=renewal,
                section=section,
                values={n: values[n] for n in names if n in values},
                actor=applicant,
            )
        lead = renewal.endorsements.get().group.memberships.filter(role="lead").first().user
        services.endorsement_decide(
            endorsement=renewal.endorsements.get(),
            actor=lead,
            endorse=True,
            statement="Still working together.",
        )
        services.application_submit(application=renewal, actor=applicant)
        verify_all(renewal, national_staff)
        new_term = services.application_approve(application=renewal, actor=national_staff)
    assert new_term.starts_on == END + dt.timedelta(days=1)
    assert new_term.ends_on == dt.date(2032, 1, 14)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.RENEWED
    # The old term neither lapses nor is reminded about after the renewal.
    result = sweep_on(END + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert result == {"reminders": 0, "lapsed": 0}
    membership.refresh_from_db()
    assert membership.status == Membership.Status.RENEWED
    for day in (END, END + dt.timedelta(days=1)):
        councils = list(members_on(day).values_list("local_authority", flat=True))
        assert councils == [membership.local_authority_id]
    assert Membership.objects.filter(local_authority=membership.local_authority).count() == 2


def test_renewal_after_lapse_starts_on_approval(membership, national_staff):
    Membership.objects.filter(pk=membership.pk).update(
        status=Membership.Status.LAPSED, lapsed_on=END + dt.timedelta(days=1)
    )
    membership.refresh_from_db()
    starts, ends = selectors.membership_term(approved_on=dt.date(2029, 3, 1), previous=membership)
    assert starts == dt.date(2029, 3, 1) and ends == dt.date(2032, 2, 29)


@time_machine.travel(IN_WINDOW, tick=False)
def test_renewal_page_shows_what_must_be_confirmed(client_for, membership):
    client = client_for(membership.application.created_by)
    response = client.post(reverse("la_network:membership_renew", args=[membership.pk]))
    renewal = Application.objects.get(renewal_of=membership)
    assert response["Location"] == reverse("la_network:application", args=[renewal.pk])
    page = client.get(response["Location"])
    assert b"To confirm" in page.content and b"strategy period especially" in page.content
    section = client.get(reverse("la_network:application_section", args=[renewal.pk, "strategy"]))
    assert b"at least three years from the renewal" in section.content


def test_staff_see_the_councils_membership_history(client_for, membership, national_staff):
    applicant = membership.application.created_by
    with time_machine.travel(IN_WINDOW, tick=False):
        renewal = services.membership_renewal_start(membership=membership, actor=applicant)
    page = client_for(national_staff).get(reverse("la_network:review", args=[renewal.pk]))
    assert [m.pk for m in page.context["history"]] == [membership.pk]
    assert b"15 January 2026" in page.content


def test_the_councillor_and_officer_are_reminded_in_the_language_the_council_applied_in(
    membership, mailoutbox, django_capture_on_commit_callbacks
):
    # The sweep runs outside any request: the named councillor and officer have no account,
    # so they are written to in the applicant's language; people with accounts keep theirs.
    applicant = membership.application.created_by
    applicant.preferred_language = "cy"
    applicant.save(update_fields=["preferred_language"])

    assert sweep_on(dt.date(2028, 7, 14), django_capture_on_commit_callbacks)["reminders"] == 1

    subjects = {address: message.subject for message in mailoutbox for address in message.to}
    for address in (applicant.email, "cllr@example.org", "officer@example.org"):
        assert "mae aelodaeth o'r Rhwydwaith Awdurdodau Lleol yn dod i ben" in subjects[address]
    assert "Local Authority Network membership ends on" in subjects["lead@example.org"]


def test_without_an_applicant_account_the_named_people_are_reminded_in_english(
    membership, mailoutbox, django_capture_on_commit_callbacks
):
    Application.objects.filter(pk=membership.application_id).update(created_by=None)

    assert sweep_on(dt.date(2028, 7, 14), django_capture_on_commit_callbacks)["reminders"] == 1

    subjects = {address: message.subject for message in mailoutbox for address in message.to}
    assert "Local Authority Network membership ends on" in subjects["cllr@example.org"]
