"""The national dashboard and its export."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from awards import services
from tests.awards.factories import make_award, make_panel, make_submitted
from tests.factories import OrganisationContactFactory, OrganisationFactory
from tests.helpers import reauthenticate

pytestmark = pytest.mark.django_db


def test_dashboard_shows_overdue_reviews_and_expiring_awards(client_for, national_staff):
    with time_machine.travel(dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC), tick=False):
        award = make_award(national_staff)
        application = make_submitted()
        members = make_panel(application, national_staff)
        services.review_start(application=application, actor=national_staff)
    with time_machine.travel(dt.datetime(2028, 11, 1, 12, tzinfo=dt.UTC), tick=False):
        body = client_for(national_staff).get(reverse("awards:staff_overview")).content.decode()
    assert escape(members[0].assessor.display_name) in body
    assert award.organisation.name in body


def test_csv_export_lists_applications_and_neutralises_formulas(client_for, national_staff):
    make_submitted(contact=OrganisationContactFactory(organisation=OrganisationFactory(name="=HYPERLINK(1)")))
    client = client_for(national_staff)
    assert client.get(reverse("awards:staff_export"))["Location"].startswith("/accounts/reauthenticate/")
    reauthenticate(client, national_staff)
    response = client.get(reverse("awards:staff_export"))
    text = b"".join(response).decode() if not hasattr(response, "content") else response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in text and "submitted" in text


def test_staff_list_filters_by_state(client_for, national_staff):
    submitted = make_submitted()
    draft_contact = OrganisationContactFactory()
    services.application_start(
        stream=submitted.stream, organisation=draft_contact.organisation, user=draft_contact.user
    )
    body = (
        client_for(national_staff).get(reverse("awards:staff_applications"), {"status": "submitted"}).content
    )
    assert submitted.organisation.name in body.decode()
    assert draft_contact.organisation.name not in body.decode()


def test_time_in_each_state_is_averaged(national_staff):
    from awards.selectors import staff_overview

    with time_machine.travel(dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        make_submitted()
    with time_machine.travel(dt.datetime(2026, 1, 11, 12, tzinfo=dt.UTC), tick=False):
        rows = {str(label): (count, days) for label, count, days in staff_overview()["time_in_state"]}
    assert rows["Submitted"] == (1, 10.0)
    assert rows["Draft"] == (1, 0.0)
    assert rows["Awarded"] == (0, None)
