"""Factories for the network: council contacts, complete applications and memberships."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from la_network.models import Application, CouncilContact, Endorsement, Membership
from sanctuary.terms import add_years
from tests.factories import GroupFactory, LocalAuthorityFactory, UserFactory, make_lead


class CouncilContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilContact

    user = factory.SubFactory(UserFactory)
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    role = CouncilContact.Role.OFFICER
    verified = True


def complete_values(today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "motion_passed_on": today - dt.timedelta(days=60),
        "motion_title": "A place of welcome",
        "motion_minutes_url": "https://example.org/minutes",
        "charter_signed_on": today - dt.timedelta(days=30),
        "charter_signatory_name": "Cllr Test",
        "charter_signatory_role": "Leader",
        "joint_work": "We run a welcome forum together.",
        "strategy_title": "Welcome strategy",
        "strategy_url": "https://example.org/strategy",
        "strategy_starts_on": today,
        "strategy_ends_on": add_years(today, 4),
        "councillor_name": "Cllr Test",
        "councillor_email": "cllr@example.org",
        "councillor_portfolio": "Communities",
        "officer_name": "Olu Officer",
        "officer_email": "officer@example.org",
        "officer_job_title": "Resettlement lead",
    }


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    created_by = factory.SubFactory(UserFactory)


def complete_application(
    *,
    contact: CouncilContact | None = None,
    endorsed: bool = True,
    status: str = Application.Status.DRAFT,
    **overrides,
) -> Application:
    """A draft with every requirement met: one named group whose lead has endorsed it."""
    contact = contact or CouncilContactFactory()
    values = {**complete_values(), **overrides}
    application = ApplicationFactory(
        local_authority=contact.local_authority, created_by=contact.user, status=status, **values
    )
    group = GroupFactory()
    lead = make_lead(group)
    application.groups.add(group)
    Endorsement.objects.create(
        application=application,
        group=group,
        decided_by=lead if endorsed else None,
        status=Endorsement.Status.ENDORSED if endorsed else Endorsement.Status.REQUESTED,
        statement="We endorse." if endorsed else "",
    )
    return application


def make_membership(
    *,
    starts_on: dt.date,
    contact: CouncilContact | None = None,
    status: str = Membership.Status.ACTIVE,
    **app_overrides,
) -> Membership:
    application = complete_application(contact=contact, status=Application.Status.APPROVED, **app_overrides)
    return Membership.objects.create(
        local_authority=application.local_authority,
        application=application,
        starts_on=starts_on,
        ends_on=add_years(starts_on, 3) - dt.timedelta(days=1),
        status=status,
    )


def verify_all(application: Application, staff) -> Application:
    """National staff have checked and verified all five requirements."""
    from la_network.models import Requirement
    from la_network.services import RequirementCheck, requirements_review_record

    requirements_review_record(
        application=application,
        checks={key: RequirementCheck(verified=True, note="") for key in Requirement.values},
        actor=staff,
    )
    application.refresh_from_db()
    return application
