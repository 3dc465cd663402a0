"""Hostile input to the Local Authority Network application (issue 8, SECURITY.md 11).

Whatever a council types into a section of its application, the platform answers with a page:
either the section is saved exactly (text stripped, links only http(s)) and every page that
shows it escapes it, or the form comes back with the error beside the field, everything typed
still in it, and nothing of the application changed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from la_network import services
from la_network.models import Application, Requirement
from tests.la_network.factories import CouncilContactFactory
from tests.security.hostile import (
    EXAMPLES,
    GOOD_EMAILS,
    GOOD_URLS,
    assert_pages_escape,
    date_text,
    markup,
    mostly,
    past_date,
    short_text,
    submit,
    text,
    url_text,
)

pytestmark = pytest.mark.django_db

TEXT_FIELDS = {
    "motion_title",
    "charter_signatory_name",
    "charter_signatory_role",
    "joint_work",
    "strategy_title",
    "councillor_name",
    "councillor_portfolio",
    "officer_name",
    "officer_job_title",
}
URL_FIELDS = {"motion_minutes_url", "strategy_url"}
SAVED = [
    name for names in services.SECTION_FIELDS.values() for name in names if not name.endswith("_document")
]


@pytest.fixture
def council(client_for):
    contact = CouncilContactFactory()
    application = services.application_start(
        user=contact.user, local_authority=contact.local_authority, role=contact.role
    )
    return client_for(contact.user), application


def _snapshot(application) -> dict:
    row = Application.objects.get(pk=application.pk)
    return {name: getattr(row, name) for name in [*SAVED, "updated_at", "status"]}


def _post_section(council, section: str, data: dict) -> None:
    client, application = council
    url = reverse("la_network:application_section", args=[application.pk, section])
    response = submit(client, url, data, snapshot=lambda: _snapshot(application))
    if response.status_code != 302:
        return
    saved = Application.objects.get(pk=application.pk)
    for name, value in data.items():
        if name in TEXT_FIELDS:
            assert getattr(saved, name) == value.strip()
        if name in URL_FIELDS and getattr(saved, name):
            assert getattr(saved, name).lower().startswith(("http://", "https://"))
    pages = [
        reverse(name, args=[application.pk])
        for name in ("la_network:application", "la_network:application_check")
    ]
    assert_pages_escape(client, pages, [data[name] for name in TEXT_FIELDS & set(data)])


@EXAMPLES
@given(
    passed_on=mostly(past_date(), date_text()),
    title=mostly(short_text(), text(300)),
    minutes=mostly(GOOD_URLS, url_text()),
)
def test_motion_section_saves_exactly_or_explains(council, passed_on, title, minutes):
    _post_section(
        council,
        Requirement.MOTION,
        {
            "motion_passed_on": passed_on,
            "motion_title": title,
            "motion_minutes_url": minutes,
        },
    )


@EXAMPLES
@given(
    signed_on=mostly(past_date(), date_text()),
    name=mostly(short_text(), text(200)),
    role=mostly(short_text(), text(200)),
)
def test_charter_section_saves_exactly_or_explains(council, signed_on, name, role):
    _post_section(
        council,
        Requirement.CHARTER,
        {
            "charter_signed_on": signed_on,
            "charter_signatory_name": name,
            "charter_signatory_role": role,
        },
    )


@EXAMPLES
@given(joint_work=text(5000))
def test_local_group_section_saves_exactly_or_explains(council, joint_work):
    _post_section(council, Requirement.LOCAL_GROUP, {"joint_work": joint_work})


@EXAMPLES
@given(
    title=mostly(short_text(), text(300)),
    link=mostly(GOOD_URLS, url_text()),
    starts=mostly(st.sampled_from(["2020-01-01", "2026-04-01"]), date_text()),
    ends=mostly(st.sampled_from(["2035-03-31", "2099-12-31"]), date_text()),
)
# Found by this test: a strategy ending in 9999 crashed the three-year check (year 10002).
@example(title="Welcome", link="https://example.org/s", starts="9999-12-01", ends="9999-12-31")
def test_strategy_section_with_dates_far_in_the_past_or_future(council, title, link, starts, ends):
    _post_section(
        council,
        Requirement.STRATEGY,
        {
            "strategy_title": title,
            "strategy_url": link,
            "strategy_starts_on": starts,
            "strategy_ends_on": ends,
        },
    )


@EXAMPLES
@given(
    names=st.tuples(*[mostly(short_text(), text(250))] * 4),
    emails=st.tuples(*[mostly(GOOD_EMAILS, st.one_of(st.emails(), text(80)))] * 2),
)
def test_contacts_section_saves_exactly_or_explains(council, names, emails):
    _post_section(
        council,
        Requirement.CONTACTS,
        {
            "councillor_name": names[0],
            "officer_name": names[1],
            "councillor_portfolio": names[2],
            "officer_job_title": names[3],
            "councillor_email": emails[0],
            "officer_email": emails[1],
        },
    )


@EXAMPLES
@given(statement=markup())
def test_a_group_leads_endorsement_statement_is_escaped_for_the_council_and_staff(
    client_for, national_staff, statement
):
    from tests.factories import GroupFactory, make_lead

    contact = CouncilContactFactory()
    application = services.application_start(
        user=contact.user, local_authority=contact.local_authority, role=contact.role
    )
    group = GroupFactory()
    lead = make_lead(group)
    services.application_section_save(
        application=application,
        section=Requirement.LOCAL_GROUP,
        values={"joint_work": statement},
        actor=contact.user,
        groups=[group],
    )
    endorsement = application.endorsements.get()
    response = client_for(lead).post(
        reverse("la_network:endorsement", args=[endorsement.pk]),
        {"decision": "endorse", "statement": statement},
    )
    assert response.status_code == 302
    for reader, page in (
        (lead, reverse("la_network:endorsement", args=[endorsement.pk])),
        (contact.user, reverse("la_network:application", args=[application.pk])),
        (national_staff, reverse("la_network:review", args=[application.pk])),
    ):
        assert_pages_escape(client_for(reader), [page], [statement])
