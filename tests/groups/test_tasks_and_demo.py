from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from groups.forms import SignatureForm, clean_place
from groups.models import CharterSignature, Group, GroupMembership, Organisation, OrganisationPledge
from groups.tasks import weekly_digest_sweep
from sanctuary.models import ReminderLog, SweepRun
from tests.factories import GroupFactory, GroupMembershipFactory, make_lead
from tests.groups.factories import SignatureFactory
from tests.helpers import QueryCounter

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 6, 15, 8, 0, tzinfo=dt.UTC)


def test_weekly_digest_goes_to_leads_once_a_week(mailoutbox, django_capture_on_commit_callbacks):
    group = GroupFactory(name="Digest Town")
    quiet = GroupFactory(name="Quiet Town")
    make_lead(quiet)
    with time_machine.travel(MONDAY - dt.timedelta(days=3)):
        make_lead(group, email="digest-lead@example.org")
        SignatureFactory.create_batch(2, group=group)
        GroupMembershipFactory(group=group)
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        first = weekly_digest_sweep()
        second = weekly_digest_sweep()  # a repeated beat run sends nothing twice
    assert first == {"sent": 1} and second == {"sent": 0}
    assert [m.to for m in mailoutbox] == [["digest-lead@example.org"]]
    assert "2 new confirmed charter signature" in mailoutbox[0].body
    assert "2 new member" in mailoutbox[0].body  # the lead and the member joined that week
    log = ReminderLog.objects.get()
    assert log.rule == "weekly_digest" and log.reference_date == dt.date(2026, 6, 15)
    assert SweepRun.objects.filter(
        name="groups.tasks.weekly_digest_sweep", last_finished_at__isnull=False
    ).exists()


def test_weekly_digest_skips_closed_groups(mailoutbox, django_capture_on_commit_callbacks):
    group = GroupFactory(status=Group.Status.CLOSED)
    with time_machine.travel(MONDAY - dt.timedelta(days=2)):
        make_lead(group)
        SignatureFactory(group=group)
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        assert weekly_digest_sweep() == {"sent": 0}
    assert mailoutbox == []


def _active_week(groups: int, first: int = 0) -> list[Group]:
    """``groups`` groups, each with a lead (lead<n>@) and a signature in the week before MONDAY."""
    made = []
    with time_machine.travel(MONDAY - dt.timedelta(days=3)):
        for n in range(first, first + groups):
            group = GroupFactory(name=f"Town {n}")
            make_lead(group, email=f"lead{n}@example.org")
            SignatureFactory(group=group)
            made.append(group)
    return made


def test_weekly_digest_sweep_runs_the_same_queries_for_one_group_or_many(
    django_capture_on_commit_callbacks,
):
    def sweep_queries() -> tuple[int, dict]:
        counter = QueryCounter()
        # The emails go after commit, from the worker: only the sweep's own queries are counted.
        with (
            time_machine.travel(MONDAY),
            django_capture_on_commit_callbacks(execute=False),
            connection.execute_wrapper(counter),
        ):
            result = weekly_digest_sweep()
        ReminderLog.objects.all().delete()  # the next size is a first run again
        return counter.count, result

    weekly_digest_sweep()  # the sweep's bookkeeping row exists in a running deployment
    _active_week(1)
    small, result = sweep_queries()
    assert result == {"sent": 1}
    _active_week(7, first=1)
    large, result = sweep_queries()
    assert result == {"sent": 8}
    assert large == small


def test_weekly_digest_says_what_each_group_gained_and_goes_only_to_its_leads(
    mailoutbox, django_capture_on_commit_callbacks
):
    first, second = _active_week(2)
    with time_machine.travel(MONDAY - dt.timedelta(days=2)):
        SignatureFactory.create_batch(2, group=second)
        make_lead(second, email="co-lead@example.org")
        GroupMembershipFactory(group=first, user__is_active=False, role="lead")  # never emailed
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        assert weekly_digest_sweep() == {"sent": 2}
    bodies = {tuple(sorted(m.to)): m.body for m in mailoutbox}
    assert set(bodies) == {("lead0@example.org",), ("lead1@example.org",), ("co-lead@example.org",)}
    assert "- 1 new confirmed charter signature" in bodies[("lead0@example.org",)]
    assert "- 3 new confirmed charter signature" in bodies[("lead1@example.org",)]
    assert "- 2 new member" in bodies[("lead1@example.org",)]  # both leads joined that week
    assert f"/groups/{second.slug}/manage/" in bodies[("co-lead@example.org",)]


def test_weekly_digest_recorded_by_another_run_is_not_sent_again(
    mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = _active_week(2)
    # Another worker's run recorded the first group's digest for this week already.
    ReminderLog.objects.create(
        object_type="groups.group",
        object_id=str(first.pk),
        rule="weekly_digest",
        reference_date=MONDAY.date(),
    )
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        assert weekly_digest_sweep() == {"sent": 1}
    assert [m.to for m in mailoutbox] == [["lead1@example.org"]]
    assert ReminderLog.objects.filter(rule="weekly_digest").count() == 2


def test_weekly_digest_leaves_out_signatures_from_before_the_week(
    mailoutbox, django_capture_on_commit_callbacks
):
    (group,) = _active_week(1)
    with time_machine.travel(MONDAY - dt.timedelta(days=8)):
        SignatureFactory(group=group)  # the week before last
    with time_machine.travel(MONDAY + dt.timedelta(hours=1)):
        SignatureFactory(group=group)  # this week: next Monday's digest
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        weekly_digest_sweep()
    assert "- 1 new confirmed charter signature" in mailoutbox[0].body


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_place_cleaning_never_crashes_on_odd_text(text):
    try:
        result = clean_place(text)
    except ValidationError:
        return
    assert result == result.strip() and result


@pytest.mark.parametrize(
    "value,expected", [("m1 1ae", "M1 1AE"), ("EC1A1BB", "EC1A 1BB"), ("gir0aa", "GIR 0AA")]
)
def test_uk_postcodes_are_normalised(value, expected):
    assert clean_place(value) == expected


@settings(max_examples=40, deadline=None)
@given(name=st.text(max_size=300), email=st.text(max_size=300))
def test_signature_form_rejects_or_accepts_without_crashing(name, email):
    form = SignatureForm(data={"name": name, "email": email, "place": "Leeds", "agree": "on"})
    if form.is_valid():
        assert form.cleaned_data["name"].strip()


def test_demo_data_is_idempotent():
    from groups import demo
    from sanctuary import demo as core_demo

    ctx = core_demo.DemoContext()
    core_demo.seed(ctx)
    demo.seed(ctx)
    demo.seed(ctx)
    assert Group.objects.count() == 2
    riverton = ctx.objects["group_riverton"]
    assert GroupMembership.objects.get(group=riverton, user=ctx.users["lead1"]).role == "lead"
    assert GroupMembership.objects.filter(group=riverton, user=ctx.users["member1"]).exists()
    assert ctx.objects["group_northfield"].memberships.get(role="lead").user == ctx.users["lead2"]
    assert Organisation.objects.count() == 2
    assert ctx.objects["org_school"].contacts.get().user == ctx.users["applicant1"]
    assert ctx.objects["org_library"].contacts.get().user == ctx.users["applicant2"]
    assert OrganisationPledge.objects.filter(status="approved").count() == 2
    assert CharterSignature.objects.filter(confirmed_at__lte=timezone.now()).count() == 5
