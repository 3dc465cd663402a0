"""Odd text, huge values, wrong dates and unicode thrown at the main forms and services."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from returnees.countries import Country
from returnees.forms import CadenceFormSet, CaseForm, CheckInForm
from returnees.models import CadenceRule, Case
from returnees.services import Cadence, next_due_from

pytestmark = pytest.mark.django_db

text = st.text(min_size=0, max_size=400)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(name=text, place=text, phones=text, country=st.text(max_size=4), risk=st.text(max_size=12), date=text)
def test_case_form_never_crashes_and_rejects_what_it_cannot_store(name, place, phones, country, risk, date):
    form = CaseForm(
        data={
            "full_name": name,
            "destination_place": place,
            "phone_numbers": phones,
            "destination_country": country,
            "risk_level": risk,
            "departure_date": date,
            "risk_reason": "r",
        }
    )
    if form.is_valid():
        assert form.cleaned_data["destination_country"] in Country.values
    else:
        assert form.errors


@SETTINGS
@given(
    notes=st.text(max_size=2000),
    when=st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 1, 1)),
)
def test_check_in_form_accepts_any_text_and_only_sensible_times(notes, when):
    form = CheckInForm(
        data={
            "occurred_at": when.strftime("%Y-%m-%d %H:%M") if when.year >= 1000 else "0001-01-01 00:00",
            "channel": "phone",
            "reached": "yes",
            "wellbeing": "safe",
            "notes": notes,
        }
    )
    if form.is_valid():
        assert abs((form.cleaned_data["occurred_at"] - dt.datetime.now(dt.UTC)).days) <= 91
    else:
        assert "occurred_at" in form.errors or "notes" in form.errors


@SETTINGS
@given(value=st.text(max_size=300))
def test_encrypted_fields_round_trip_any_unicode(value):
    from tests.returnees.factories import CaseFactory

    value = value.replace("\x00", "")  # PostgreSQL text cannot hold NUL; the form strips it too
    case = CaseFactory(full_name=value, identification_notes=value)
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.full_name, fresh.identification_notes) == (value, value)


@SETTINGS
@given(start=st.integers(min_value=-5, max_value=10**7), every=st.integers(min_value=-5, max_value=10**7))
def test_schedule_form_rejects_huge_or_negative_values(start, every):
    formset = CadenceFormSet(
        data={
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "10",
            "form-0-starts_after_days": str(start),
            "form-0-interval_days": str(every),
        },
        queryset=CadenceRule.objects.none(),
    )
    if formset.is_valid():
        assert start == 0 and 1 <= every <= 365


@given(
    rules=st.lists(st.tuples(st.integers(0, 400), st.integers(1, 365)), min_size=1, max_size=5),
    offset=st.integers(0, 2000),
)
def test_next_due_is_always_after_the_last_contact(rules, offset):
    anchor = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    last = anchor + dt.timedelta(days=offset)
    due = next_due_from(anchor=anchor, rules=[Cadence(*r) for r in rules], last_contact=last)
    assert due > last
    assert due - last <= dt.timedelta(days=365)
