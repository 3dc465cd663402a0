"""Fictional demo data for the network: two council contacts, one member, one application in progress."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from groups.models import GroupMembership
from la_network import register, services
from la_network.models import Application, CouncilContact, LocalAuthority, Membership, Requirement
from sanctuary.terms import add_years

# (user key, register code, fallback code in the built-in sample, role)
DEMO_COUNCILS = [
    ("council1", "SHF", "SHF", CouncilContact.Role.COUNCILLOR),
    ("council2", "KIR", "KIR", CouncilContact.Role.OFFICER),
]


def _filled(application: Application, council: LocalAuthority, today: dt.date) -> None:
    """Answers for every section, dated so the strategy covers three years from today."""
    application.motion_passed_on = today - dt.timedelta(days=120)
    application.motion_title = f"{council.short_name}: a place of welcome and safety"
    application.motion_minutes_url = "https://example.org/minutes/welcome-motion"
    application.charter_signed_on = today - dt.timedelta(days=90)
    application.charter_signatory_name = "Cllr Jo Example"
    application.charter_signatory_role = "Leader of the council"
    application.joint_work = (
        "Monthly welcome forum run with the local group; joint training for front-desk staff."
    )
    application.strategy_title = f"{council.short_name} welcome strategy"
    application.strategy_url = "https://example.org/strategy/welcome"
    application.strategy_starts_on = today - dt.timedelta(days=30)
    application.strategy_ends_on = add_years(today, 4)
    application.councillor_name = "Cllr Jo Example"
    application.councillor_email = "cllr.example@example.org"
    application.councillor_portfolio = "Communities and inclusion"
    application.officer_name = "Sam Officer"
    application.officer_email = "officer.example@example.org"
    application.officer_job_title = "Refugee resettlement lead"
    application.save()


def seed(ctx) -> None:
    if not LocalAuthority.objects.filter(code="SHF").exists():
        services.register_import(path=register.register_default_path())
    today = timezone.localdate()
    groups = [ctx.objects.get("group_riverton"), ctx.objects.get("group_northfield")]
    staff = ctx.users["staff"]
    for index, (key, code, fallback, role) in enumerate(DEMO_COUNCILS):
        council = LocalAuthority.objects.filter(code=code).first()
        council = council or LocalAuthority.objects.get(code=fallback)
        user = ctx.users[key]
        group = groups[index]
        if group is not None:
            group.local_authorities.add(council)
        CouncilContact.objects.get_or_create(
            user=user, local_authority=council, defaults={"role": role, "verified": True}
        )
        ctx.objects[f"council_{index + 1}"] = council
        if Application.objects.filter(local_authority=council).exists():
            continue
        application = services.application_start(user=user, local_authority=council, role=role)
        _filled(application, council, today)
        if group is not None:
            services.application_section_save(
                application=application,
                section="local_group",
                values={"joint_work": application.joint_work},
                actor=user,
                groups=[group],
            )
        if index == 0:
            # Riverton's council: endorsed, approved, and a member now.
            endorsement = application.endorsements.first()
            lead = (
                GroupMembership.objects.filter(group=group, role=GroupMembership.Role.LEAD).first()
                if group is not None
                else None
            )
            if endorsement is not None and lead is not None:
                services.endorsement_decide(
                    endorsement=endorsement,
                    actor=lead.user,
                    endorse=True,
                    statement="We have run the welcome forum with the council for years.",
                )
            else:
                services.endorsement_waive(
                    application=application, actor=staff, reason="Demo: no local group in this data set."
                )
            services.application_submit(application=application, actor=user)
            services.requirements_review_record(
                application=application,
                checks={key: services.RequirementCheck(verified=True) for key in Requirement.values},
                actor=staff,
            )
            services.application_approve(
                application=application, actor=staff, reason="All five requirements verified."
            )
        # council2's application stays a draft waiting for the Northfield group's endorsement.
    ctx.objects["la_memberships"] = list(Membership.objects.all()[:2])
