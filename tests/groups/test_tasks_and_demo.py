from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from groups.forms import SignatureForm, clean_place
from groups.models import CharterSignature, Group, GroupMembership, Organisation, OrganisationPledge
from groups.tasks import weekly_digest_sweep
from sanctuary.models import ReminderLog, SweepRun
from tests.factories import GroupFactory, GroupMembershipFactory, make_lead
from tests.groups.factories import SignatureFactory

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
    assert SweepRun.objects.filter(name="groups.weekly_digest", last_finished_at__isnull=False).exists()


def test_weekly_digest_skips_closed_groups(mailoutbox, django_capture_on_commit_callbacks):
    group = GroupFactory(status=Group.Status.CLOSED)
    with time_machine.travel(MONDAY - dt.timedelta(days=2)):
        make_lead(group)
        SignatureFactory(group=group)
    with time_machine.travel(MONDAY), django_capture_on_commit_callbacks(execute=True):
        assert weekly_digest_sweep() == {"sent": 0}
    assert mailoutbox == []


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
