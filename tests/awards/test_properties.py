"""Odd input never breaks the main forms and services."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards import services
from awards.forms import AnswerForm, EvidenceRequestForm
from awards.models import Answer
from tests.awards.factories import make_draft, make_panel, make_submitted

pytestmark = pytest.mark.django_db

TEXT = st.text(max_size=3000)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(account=TEXT, links=TEXT, complete=st.booleans())
def test_answer_form_and_service_accept_or_explain_any_text(account, links, complete):
    application = make_draft()
    criterion = application.stream.criteria.first()
    form = AnswerForm({"account": account, "links": links, "complete": complete})
    if form.is_valid():
        answer = services.answer_save(
            application=application,
            criterion=criterion,
            user=application.applicant,
            account=form.cleaned_data["account"],
            links=form.cleaned_data["links"],
            complete=form.cleaned_data["complete"],
        )
        assert Answer.objects.get(pk=answer.pk).account == form.cleaned_data["account"]
    else:
        assert form.errors and not Answer.objects.filter(application=application).exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=TEXT, due=st.one_of(st.dates(), st.text(max_size=20)))
def test_evidence_request_form_rejects_bad_dates_with_a_message(national_staff, note, due):
    application = make_submitted()
    make_panel(application, national_staff)
    form = EvidenceRequestForm(
        {"answers": [application.answers.first().pk], "note": note, "due_on": str(due)},
        application=application,
    )
    if form.is_valid():
        assert form.cleaned_data["due_on"] > dt.date.today() - dt.timedelta(days=1)
    else:
        assert form.errors
