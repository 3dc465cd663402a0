"""Role x view x relationship for every awards URL. A new URL without a row here fails."""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from awards import services
from tests.awards.factories import make_award, make_panel, make_submitted
from tests.factories import (
    GroupFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    UserFactory,
    make_lead,
)

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anon",
    "stranger",
    "applicant",
    "other_applicant",
    "lead",
    "other_lead",
    "assessor",
    "other_assessor",
    "staff",
]
OK, LOGIN, NO, REAUTH = 200, "login", 404, "reauth"


def _row(**overrides):
    """Expected answer per person; defaults are 'signed in but not theirs'."""
    row = {"anon": LOGIN, **{p: NO for p in PEOPLE if p != "anon"}}
    row.update(overrides)
    return row


MATRIX = {
    "awards:index": dict.fromkeys(PEOPLE, OK),
    "awards:stream": dict.fromkeys(PEOPLE, OK),
    "awards:verify": dict.fromkeys(PEOPLE, OK),
    "awards:application": _row(applicant=OK, staff=OK),
    "awards:answer": _row(applicant=OK),
    "awards:check": _row(applicant=OK),
    "awards:commitments": _row(applicant=OK),
    "awards:withdraw": _row(applicant=OK),
    "awards:evidence": _row(applicant=OK, assessor=OK, staff=OK),
    "awards:certificate": _row(applicant=OK, staff=OK),
    "awards:logo": _row(applicant=OK, staff=OK),
    "awards:endorsement": _row(lead=OK),
    "awards:review": _row(assessor=OK),
    "awards:staff_overview": _row(staff=OK),
    "awards:staff_applications": _row(staff=OK),
    "awards:staff_export": _row(staff=REAUTH),  # exports ask for the password again
    "awards:staff_application": _row(staff=OK),
    # Lists scoped to the person: everyone signed in gets their own (possibly empty) page.
    "awards:application_list": _row(**{p: OK for p in PEOPLE if p != "anon"}),
    "awards:review_list": _row(**{p: OK for p in PEOPLE if p != "anon"}),
    # Starting needs an organisation: others are told how to get linked (403 page).
    "awards:apply": _row(**{p: OK if "applicant" in p else 403 for p in PEOPLE if p != "anon"}),
    "awards:interest": _row(**{p: OK if "applicant" in p else 403 for p in PEOPLE if p != "anon"}),
    # POST-only actions are covered by their own tests.
    "awards:evidence_delete": None,
    "awards:reaccredit": None,
}


def test_every_awards_url_has_a_row():
    resolver = get_resolver()
    names = {
        f"awards:{name}"
        for name in resolver.namespace_dict["awards"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == set(MATRIX)


@pytest.fixture
def world(national_staff, django_capture_on_commit_callbacks):
    group = GroupFactory()
    lead = make_lead(group)
    with django_capture_on_commit_callbacks(execute=True):
        award = make_award(
            national_staff, contact=OrganisationContactFactory(organisation=OrganisationFactory(group=group))
        )
    applicant = award.application.applicant
    draft = services.application_start(
        stream=make_submitted().stream, organisation=award.organisation, user=applicant
    )
    reviewed = make_submitted(organisation=OrganisationFactory(group=group))
    # The applicant's organisation is also applying elsewhere: reuse its contact for the reviewed one.
    OrganisationContactFactory(organisation=reviewed.organisation, user=applicant)
    members = make_panel(reviewed, national_staff)
    answer = reviewed.answers.first()
    from django.core.files.base import ContentFile

    from awards.models import Evidence

    evidence = Evidence.objects.create(
        answer=answer,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="e.pdf"),
        original_name="e.pdf",
        uploaded_by=applicant,
    )
    other_members = make_panel(make_submitted(), national_staff)
    people = {
        "stranger": UserFactory(),
        "applicant": applicant,
        "other_applicant": OrganisationContactFactory().user,
        "lead": lead,
        "other_lead": make_lead(),
        "assessor": members[0].assessor,
        "other_assessor": other_members[0].assessor,
        "staff": national_staff,
    }
    stream = award.stream
    args = {
        "awards:stream": [stream.slug],
        "awards:verify": [award.verification_code],
        "awards:application": [reviewed.pk],
        "awards:answer": [draft.pk, draft.stream.criteria.first().pk],
        "awards:check": [draft.pk],
        "awards:commitments": [draft.pk],
        "awards:withdraw": [reviewed.pk],
        "awards:evidence": [reviewed.pk, evidence.pk],
        "awards:certificate": [award.pk],
        "awards:logo": [award.pk],
        "awards:endorsement": [reviewed.endorsement.pk],
        "awards:review": [members[0].pk],
        "awards:staff_application": [reviewed.pk],
        "awards:apply": [stream.slug],
        "awards:interest": [stream.slug],
    }
    return people, args


@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row))
def test_permission_matrix(client, client_for, world, name):
    people, args = world
    url = reverse(name, args=args.get(name, []))
    for person, expected in MATRIX[name].items():
        http = client if person == "anon" else client_for(people[person])
        response = http.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and "login" in response.url, (name, person)
        elif expected == REAUTH:
            assert response.status_code == 302 and "reauthenticate" in response.url, (name, person)
        else:
            assert response.status_code == expected, (name, person, response.status_code)
