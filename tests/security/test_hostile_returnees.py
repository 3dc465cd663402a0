"""Hostile input to the returnee forms: a case created or edited by the coordinator, check-ins
with dates far in the past and the future, and the sections of a return plan (issue 8,
SECURITY.md 11).

Each form either saves exactly what was typed (text stripped) and the pages of the case show it
escaped, or comes back with the error beside the field, what was typed still there (for the
person who is allowed to see it) and nothing of the case changed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from returnees.models import Case, CheckIn, PlanVersion
from returnees.services import CASE_EDITABLE_FIELDS
from tests.returnees.factories import CaseFactory, guardian_of, monitored_case, reauthenticate
from tests.security.hostile import (
    EXAMPLES,
    assert_pages_escape,
    date_text,
    mostly,
    past_date,
    short_text,
    submit,
    text,
)

pytestmark = pytest.mark.django_db

CASE_TEXT = (
    "full_name",
    "known_as",
    "languages",
    "destination_place",
    "phone_numbers",
    "sim_network",
    "preferred_times",
    "identification_notes",
    "consent_scope",
    "risk_reason",
)
PLAN_SECTIONS = [name for name, _label in PlanVersion.SECTIONS]


def _case_row(case_id) -> dict:
    return model_to_dict(Case.objects.get(pk=case_id), fields=[*CASE_EDITABLE_FIELDS, "updated_at"])


def _signed_in(client_for, user):
    client = client_for(user)
    reauthenticate(client, user)
    return client


def _optional(limit: int) -> st.SearchStrategy[str]:
    return mostly(st.one_of(st.just(""), short_text()), text(limit))


def _choice(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(good), st.sampled_from(bad))


CASE_FORM = st.fixed_dictionaries(
    {
        "full_name": mostly(short_text(), text(300)),
        "known_as": _optional(150),
        "languages": _optional(250),
        "departure_date": mostly(past_date(), date_text()),
        "destination_country": _choice(["ZW", "AF", "ER"], ["", "XX", "<b>"]),
        "destination_place": _optional(250),
        "phone_numbers": _optional(300),
        "sim_network": _optional(300),
        "preferred_channels": mostly(
            st.lists(st.sampled_from(["phone", "whatsapp"]), max_size=2, unique=True),
            st.just(["carrier-pigeon"]),
        ),
        "preferred_times": _optional(250),
        "identification_notes": text(2000),
        "consent_scope": text(2000),
        "consent_given_on": _choice(["", "2026-01-05"], ["9999-12-31", "0001-01-01", "2026-02-30"]),
        "consent_method": _choice(["", "written", "verbal"], ["<b>bold</b>"]),
        "risk_level": _choice(["unassessed", "high", "medium", "low"], ["extreme"]),
        "risk_reason": mostly(short_text(), text(2000)),
    }
)


def _check_case_saved(client, case: Case, data: dict) -> None:
    for name in CASE_TEXT:
        assert getattr(case, name) == data[name].strip(), name
    detail = reverse("returnees:case_detail", args=[case.reference])
    assert_pages_escape(client, [detail], [data[name] for name in CASE_TEXT])


@EXAMPLES
@given(data=CASE_FORM)
def test_a_coordinator_creating_a_case(client_for, coordinator, data):
    client = _signed_in(client_for, coordinator)
    response = submit(client, reverse("returnees:case_create"), data, snapshot=Case.objects.count)
    if response.status_code == 302:
        _check_case_saved(client, Case.objects.latest("pk"), data)


@EXAMPLES
@given(data=CASE_FORM)
def test_a_coordinator_editing_a_case(client_for, coordinator, data):
    case = CaseFactory()
    client = _signed_in(client_for, coordinator)
    url = reverse("returnees:case_edit", args=[case.reference])
    response = submit(client, url, data, snapshot=lambda: _case_row(case.pk))
    if response.status_code == 302:
        _check_case_saved(client, Case.objects.get(pk=case.pk), data)


def _moment(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


CHECKIN_TIMES = mostly(
    st.integers(min_value=-89, max_value=0).map(_moment),
    st.one_of(
        st.integers(min_value=-100_000, max_value=100_000).map(_moment),
        st.sampled_from(
            [
                "0001-01-01T00:00",
                "9999-12-31T23:59",
                "2026-02-30T10:00",
                "yesterday",
                "",
                "2026-01-01T25:61",
                "2026-01-01",
            ]
        ),
    ),
)


@EXAMPLES
@given(
    occurred_at=CHECKIN_TIMES,
    channel=mostly(st.sampled_from(["phone", "whatsapp"]), st.just("telepathy")),
    answer=mostly(
        st.sampled_from([("yes", "safe"), ("yes", "worried"), ("yes", "in_danger"), ("no", "not_reached")]),
        st.tuples(st.sampled_from(["yes", "no", "maybe"]), st.sampled_from(["safe", "not_reached", "fine"])),
    ),
    notes=text(3000),
    needs=text(1000),
    follow_up=text(1000),
)
def test_a_guardian_recording_a_check_in(client_for, occurred_at, channel, answer, notes, needs, follow_up):
    reached, wellbeing = answer
    case = monitored_case()
    guardian = guardian_of(case)
    client = _signed_in(client_for, guardian)
    data = {
        "occurred_at": occurred_at,
        "channel": channel,
        "reached": reached,
        "wellbeing": wellbeing,
        "notes": notes,
        "needs": needs,
        "follow_up": follow_up,
    }
    response = submit(
        client,
        reverse("returnees:checkin_new", args=[case.reference]),
        data,
        snapshot=lambda: CheckIn.objects.filter(case=case).count(),
    )
    if response.status_code != 302:
        return
    checkin = CheckIn.objects.get(case=case)
    assert checkin.notes == notes.strip() and checkin.needs == needs.strip()
    assert checkin.follow_up == follow_up.strip()
    now = timezone.now()
    assert now - dt.timedelta(days=91) < checkin.occurred_at < now + dt.timedelta(hours=1)
    assert_pages_escape(
        client, [reverse("returnees:checkin_list", args=[case.reference])], [notes, needs, follow_up]
    )


@EXAMPLES
@given(sections=st.fixed_dictionaries({name: text(3000) for name in PLAN_SECTIONS}))
def test_a_guardian_writing_the_return_plan(client_for, sections):
    case = monitored_case()
    guardian = guardian_of(case)
    client = _signed_in(client_for, guardian)
    response = submit(
        client,
        reverse("returnees:plan_new", args=[case.reference]),
        sections,
        snapshot=lambda: PlanVersion.objects.filter(case=case).count(),
    )
    if response.status_code != 302:
        return
    plan = PlanVersion.objects.get(case=case)
    assert {name: getattr(plan, name) for name in PLAN_SECTIONS} == {
        name: value.strip() for name, value in sections.items()
    }
    assert_pages_escape(client, [reverse("returnees:plan", args=[case.reference])], list(sections.values()))
