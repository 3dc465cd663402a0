"""Two of everything: the "A" records and the "B" records, and one user per role.

"this"/"other" roles are related to the A records/the B records: the lead of group A, the
contact of organisation and council A (who applies for A's awards and LA membership), the
assessor on the panel of A's award application, the guardian in case A's circle.

``build_world()`` returns a dict; ``world["a"]`` / ``world["b"]`` hold the records a matrix
entry uses to fill a URL's kwargs, ``world["users"]`` one user per role.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awards import services as award_services
from awards.models import Award
from campaigns import tokens as campaign_tokens
from campaigns.models import Action
from groups import services as group_services
from groups.models import GroupApplication, GroupMembership, Organisation, OrganisationPledge
from la_network.models import Application, Endorsement, WorkingGroupMember
from returnees import services as returnee_services
from returnees.models import Escalation
from sanctuary import services as sanctuary_services
from sanctuary.unsubscribe import unsubscribe_token
from sanctuary.uploads import clean_upload
from tests.awards.factories import complete_minimum, make_assessor, make_award, make_stream
from tests.campaigns.factories import ActionFactory, CampaignFactory, PledgeSignatureFactory
from tests.events.factories import EventFactory, past_event
from tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    UserFactory,
    make_lead,
    make_staff,
)
from tests.groups.factories import ActivityFactory, CharterVersionFactory, PledgeFactory, SignatureFactory
from tests.la_network.factories import CouncilContactFactory, make_membership
from tests.returnees.factories import guardian_of, monitored_case

ROLES = (
    "anonymous",
    "supporter",
    "lead_this",
    "lead_other",
    "applicant_this",
    "applicant_other",
    "assessor_this",
    "assessor_other",
    "national_staff",
    "coordinator",
    "guardian_this",
    "guardian_other",
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _side(coordinator, campaign) -> SimpleNamespace:
    """One side of the world: a group with its lead, an organisation, a council, a case."""
    group = GroupFactory()
    lead = make_lead(group)
    member = GroupMembershipFactory(group=group).user
    membership_row = GroupMembership.objects.get(group=group, user=member)
    activity = ActivityFactory(group=group)
    group.logo.save("logo.png", SimpleUploadedFile("logo.png", PNG), save=True)
    # The applicant is the contact of an approved organisation and of a council.
    org_contact = OrganisationContactFactory(organisation=OrganisationFactory())
    organisation = org_contact.organisation
    PledgeFactory(
        organisation=organisation,
        signed_by=org_contact.user,
        status=OrganisationPledge.Status.APPROVED,
    )
    # A pending pledge of an organisation near the group: the lead (or staff) decides it.
    pledge = PledgeFactory(organisation=OrganisationFactory(group=group))
    council_contact = CouncilContactFactory(user=org_contact.user)
    membership = make_membership(
        starts_on=timezone.localdate() - dt.timedelta(days=30), contact=council_contact
    )
    # a draft application of the same council, and the group lead's endorsement request
    membership.application.motion_document.save(
        "motion.pdf", SimpleUploadedFile("motion.pdf", PDF), save=True
    )
    draft = Application.objects.create(
        local_authority=council_contact.local_authority, created_by=council_contact.user
    )
    draft.groups.add(group)
    endorsement = Endorsement.objects.create(
        application=draft, group=group, status=Endorsement.Status.REQUESTED
    )
    supporter = UserFactory()
    action = ActionFactory(campaign=campaign, user=supporter)
    action.photo.save("photo.png", SimpleUploadedFile("photo.png", PNG), save=True)
    group_application = GroupApplication.objects.create(
        applicant=UserFactory(),
        name="New group",
        area_served="Somewhere",
        nation="england",
        region="north_west",
        why="Because",
        who_involved="Friends",
        accepted_guidelines=True,
    )
    invitation = group_services.invitation_create(
        group=group, actor=lead, email="invitee@example.org", role=GroupMembership.Role.MEMBER
    )
    case = monitored_case()
    guardian = guardian_of(case, lead=True)
    plan = returnee_services.plan_version_create(actor=coordinator, case=case, sections={"travel": "Bus"})
    document = returnee_services.document_add(
        actor=coordinator,
        case=case,
        upload=clean_upload(SimpleUploadedFile("id.pdf", PDF)),
        kind="identity",
        description="",
    )
    escalation = Escalation.objects.create(case=case, reason="overdue", reference_date="2026-11-01")
    working_group = WorkingGroupMember.objects.create(
        name="Wendy Working",
        place=WorkingGroupMember.Place.OFFICER,
        local_authority=council_contact.local_authority,
    )
    return SimpleNamespace(
        group=group,
        signature=SignatureFactory(group=group),
        lead=lead,
        member=member,
        membership_row=membership_row,
        activity=activity,
        organisation=organisation,
        org_contact=org_contact,
        pledge=pledge,
        council_contact=council_contact,
        membership=membership,
        application=membership.application,
        draft=draft,
        endorsement=endorsement,
        supporter=supporter,
        action=action,
        outcome_token=campaign_tokens.outcome_token(action),
        unsubscribe_token=campaign_tokens.unsubscribe_token(supporter),
        digest_unsubscribe_token=unsubscribe_token(user_id=supporter.pk, topic="groups.weekly_digest"),
        group_application=group_application,
        invitation=invitation,
        invitation_token=group_services.invitation_token(invitation),
        case=case,
        guardian=guardian,
        circle_member=case.circle.get(guardian=guardian),
        plan=plan,
        document=document,
        escalation=escalation,
        working_group=working_group,
        event=EventFactory(group=group),
        ended_event=past_event(group=group),
    )


def _awards_side(side: SimpleNamespace, *, staff, streams, reviewer) -> None:
    """Organisation A's awards: an award with its certificate, an application in review (with
    evidence, the group's endorsement request, a panel that ``reviewer`` sits on and a review
    saved) and a draft in another stream. The applicant is the organisation's contact."""
    current, other = streams
    contact = side.org_contact.user
    award = make_award(staff, stream=current, contact=side.org_contact)
    award_services.certificate_generate(award_id=award.pk)
    award.refresh_from_db()
    in_review = award_services.application_start(
        stream=current, organisation=side.organisation, user=contact, group=side.group
    )
    complete_minimum(in_review)
    answer = in_review.answers.order_by("pk").first()
    award_services.answer_save(
        application=in_review,
        criterion=answer.criterion,
        user=contact,
        account=answer.account,
        links="",
        complete=True,
        upload=clean_upload(SimpleUploadedFile("evidence.pdf", PDF)),
    )
    in_review = award_services.application_submit(application=in_review, user=contact)
    seats = [
        award_services.panel_member_add(application=in_review, assessor=person, actor=staff)
        for person in (reviewer, make_assessor(lived_experience=True), make_assessor())
    ]
    for seat in seats:
        award_services.conflict_declare(member=seat, has_conflict=False)
    in_review = award_services.review_start(application=in_review, actor=staff)
    award_services.review_save(member=seats[0], outcomes={answer.pk: ("met", "Good.")}, submit=False)
    draft = award_services.application_start(stream=other, organisation=side.organisation, user=contact)
    side.award = award
    side.award_application = in_review
    side.award_draft = draft
    side.award_criterion = draft.stream.criteria.order_by("pk").first()
    side.evidence = answer.evidence.get()
    side.award_endorsement = in_review.endorsement
    side.panel_seat = seats[0]


def _resources_side(side: SimpleNamespace, *, staff) -> None:
    """The library: a public link, a members-only file and an archived one; a suggestion by
    the side's lead, waiting for staff."""
    from resources import services as resource_services

    def make(title: str, audience: str, **content):
        return resource_services.resource_create(
            actor=staff, data={"title": title, "summary": "S", "audience": audience}, **content
        )

    # Each side's own titles: the service takes the same title and link twice in a row for a
    # double click.
    name = side.group.slug
    side.resource = make(f"Open guide {name}", "public", url=f"https://example.org/{name}/guide")
    side.members_resource = make(
        f"Members guide {name}", "members", upload=clean_upload(SimpleUploadedFile("guide.pdf", PDF))
    )
    side.archived_resource = make(f"Old guide {name}", "public", url=f"https://example.org/{name}/old")
    resource_services.resource_archive(resource=side.archived_resource, actor=staff)
    side.suggestion = resource_services.suggestion_make(
        user=side.lead,
        title=f"Café guide {name}",
        summary="S",
        upload=clean_upload(SimpleUploadedFile("cafe.pdf", PDF)),
    )


def build_world() -> dict:
    CharterVersionFactory()
    coordinator = make_staff("safeguarding_coordinator")
    national_staff = make_staff("national_staff")
    campaign = CampaignFactory(pledge_statement="We stand for welcome.")
    a = _side(coordinator, campaign)
    b = _side(coordinator, campaign)
    streams = (make_stream(), make_stream())
    assessor_this, assessor_other = make_assessor(), make_assessor()
    _awards_side(a, staff=national_staff, streams=streams, reviewer=assessor_this)
    _awards_side(b, staff=national_staff, streams=streams, reviewer=assessor_other)
    _resources_side(a, staff=national_staff)
    _resources_side(b, staff=national_staff)
    pledge_signature = PledgeSignatureFactory(campaign=campaign, confirmed_at=None)
    a.campaign = b.campaign = campaign
    a.pledge_token = campaign_tokens.pledge_token(pledge_signature)
    a.pledge_signature = b.pledge_signature = pledge_signature
    for side, email in ((a, "new.assessor.a@example.org"), (b, "new.assessor.b@example.org")):
        side.staff_invitation = sanctuary_services.staff_invitation_create(
            actor=national_staff, email=email, role="assessor"
        )
        side.staff_invitation_token = sanctuary_services.invitation_token(side.staff_invitation)
    b.pledge_token = a.pledge_token
    users = {
        "anonymous": None,
        "supporter": a.supporter,  # a plain verified user: the author of action A
        "lead_this": a.lead,
        "lead_other": b.lead,
        "applicant_this": a.council_contact.user,
        "applicant_other": b.council_contact.user,
        "assessor_this": assessor_this,  # sits on the panel of A's application
        "assessor_other": assessor_other,  # sits on B's panel only
        "national_staff": national_staff,
        "coordinator": coordinator,
        "guardian_this": a.guardian,
        "guardian_other": b.guardian,
    }
    # The same staff roles without a second factor (guardian_this: in case A's circle).
    no_mfa_guardian = make_staff("guardian", with_mfa=False)
    a.case.circle.create(guardian=no_mfa_guardian)
    no_mfa_assessor = make_staff("assessor", with_mfa=False)
    award_services.panel_member_add(
        application=a.award_application, assessor=no_mfa_assessor, actor=national_staff
    )
    no_mfa = {
        "assessor_this": no_mfa_assessor,
        "national_staff": make_staff("national_staff", with_mfa=False),
        "coordinator": make_staff("safeguarding_coordinator", with_mfa=False),
        "guardian_this": no_mfa_guardian,
    }
    # "Organisation", "Action" and "Award" are imported for the record types a matrix may name.
    assert Organisation and Action and Award
    return {"a": a, "b": b, "users": users, "no_mfa": no_mfa}
