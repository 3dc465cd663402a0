"""Every state change leaves a row (issue 8, SECURITY.md 7): audit coverage of every service.

The test walks every public function defined in every ``<app>/services.py``. Each must have a
row below: a scenario that prepares what it needs and returns the call to make, and what the
call must write. That is an audit action (``AuditEvent.action``), or, for a function whose
only effect is a reminder or alert, the reminder-log rule it records its email under (the
reminder log is the platform's record that a message was sent, unique per key). Functions
that change nothing (checks, queries, pure helpers) are listed in ``EXEMPT`` with the reason.
A new service function without a row fails ``test_every_service_function_is_listed``.

Sensitive reads are covered in test_sensitive_reads_are_logged.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from awards import services as awards
from campaigns import services as campaigns
from campaigns import tokens as campaign_tokens
from campaigns.models import Action, ActionType, Campaign, PledgeSignature
from events import services as events
from geography import services as geography
from geography.register import SAMPLE_MEMBERS as GEOGRAPHY_MEMBERS
from geography.register import SAMPLE_POSTCODES as GEOGRAPHY_POSTCODES
from groups import services as groups
from groups.models import GroupContactMessage, GroupMembership
from la_network import services as la_network
from la_network.models import Application as LAApplication
from la_network.models import Requirement, WorkingGroupMember
from la_network.register import BUILTIN_REGISTER
from returnees import services as returnees
from returnees.models import Case, Escalation
from sanctuary import services as sanctuary
from sanctuary.models import AuditEvent, ReminderLog, StaffInvitation
from sanctuary.terms import add_months
from sanctuary.uploads import clean_upload
from tests.awards.factories import (
    StreamFactory,
    complete_minimum,
    make_assessor,
    make_award,
    make_draft,
    make_panel,
    make_stream,
    make_submitted,
    review_all,
)
from tests.campaigns.factories import ActionFactory, CampaignFactory, action_type
from tests.events.factories import EventFactory, past_event
from tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    LocalAuthorityFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    UserFactory,
    make_lead,
)
from tests.groups.factories import ActivityFactory, CharterVersionFactory, PledgeFactory, SignatureFactory
from tests.la_network.factories import (
    CouncilContactFactory,
    complete_application,
    make_membership,
    verify_all,
)
from tests.returnees.factories import CaseFactory, guardian_of, monitored_case
from tests.security.world import PDF

pytestmark = pytest.mark.django_db

APPS = (
    "sanctuary",
    "groups",
    "la_network",
    "campaigns",
    "returnees",
    "awards",
    "events",
    "geography",
    "resources",
)


@dataclass(frozen=True)
class Reminder:
    """The call's record is a reminder-log row under this rule (the email it queued)."""

    rule: str


def public_service_functions() -> set[str]:
    names = set()
    for app in APPS:
        module = import_module(f"{app}.services")
        for name, member in inspect.getmembers(module, inspect.isfunction):
            if member.__module__.startswith(module.__name__) and not name.startswith("_"):
                names.add(f"{app}.{name}")
    return names


EXEMPT = {
    "sanctuary.invitation_token": "signs a link; stores nothing",
    "sanctuary.invitation_link": "builds a link",
    "sanctuary.account_for_email": "a query",
    "sanctuary.email_belongs_to": "a check",
    "sanctuary.account_deletion_blockers": "a check (asks every app what blocks a deletion)",
    # Checks that raise ValidationError, and reads: they change nothing.
    "groups.invitation_from_token": "reads and checks an invitation link",
    "sanctuary.privacy_notice_current": "reads the current privacy notice version",
    "groups.invitation_token": "signs a link; stores nothing",
    "groups.confirmation_token": "signs a link; stores nothing",
    "groups.signature_manage_token": "signs a link; stores nothing",
    "groups.pledge_manage_token": "signs a link; stores nothing",
    "groups.signature_from_manage_token": "reads and checks a withdraw link",
    "groups.pledge_from_manage_token": "reads and checks a withdraw link",
    "campaigns.check_can_log_for_group": "a check",
    "campaigns.check_action_allowed": "a check",
    "campaigns.check_outcome_allowed": "a check",
    "returnees.case_url": "builds a link",
    "returnees.next_due_from": "computes a date",
    "returnees.case_schedule_refresh": (
        "recomputes the derived next_due_at inside the audited services that change the schedule "
        "(case_start_monitoring, schedule_set, checkin_record)"
    ),
    "returnees.document_read": (
        "decrypts a document for the download view, which writes the access-log row first "
        "(test_sensitive_reads_are_logged.py)"
    ),
    "awards.check_can_start": "a check",
    "awards.missing_criteria": "lists unanswered criteria",
    "awards.panel_problems": "lists why a panel cannot assess yet",
    "awards.check_panel_member": "a check",
    "awards.check_can_review": "a check",
    "awards.check_can_decide": "a check",
    "awards.certificate_render": "renders a PDF; certificate_generate stores it and is audited",
    "la_network.certificate_render": "renders a PDF; certificate_pdf stores it and is audited",
    "resources.check_file_or_link": "a check",
}

ROWS: dict[str, tuple[Callable, str | Reminder]] = {}


def row(name: str, expect: str | Reminder):
    """Register the scenario for ``name``: it prepares the records and returns the call."""

    def register(setup: Callable) -> Callable:
        assert name not in ROWS, name
        ROWS[name] = (setup, expect)
        return setup

    return register


@pytest.fixture
def kit(national_staff, coordinator):
    return SimpleNamespace(staff=national_staff, coordinator=coordinator)


def _request(user):
    request = RequestFactory().get("/export/")
    request.user = user
    return request


# --- sanctuary (accounts and staff roles) ----------------------------------------------------------


@row("sanctuary.language_preference_set", "sanctuary.language_preference_set")
def _(k):
    return lambda: sanctuary.language_preference_set(user=UserFactory(), language="cy")


@row("sanctuary.account_admin_save", "sanctuary.account_updated")
def _(k):
    person = UserFactory()
    person.is_staff = True
    return lambda: sanctuary.account_admin_save(user=person, changed=["is_staff"], actor=k.staff)


@row("groups.group_councils_set", "groups.councils_changed")
def _(k):
    group = GroupFactory()
    return lambda: groups.group_councils_set(group=group, councils=[LocalAuthorityFactory()], actor=k.staff)


@row("groups.organisation_save", "groups.organisation_created")
def _(k):
    from groups.models import Organisation

    organisation = Organisation(name="Hillside Library", slug="hillside-library", org_type="library")
    return lambda: groups.organisation_save(organisation=organisation, actor=k.staff)


@row("groups.organisation_delete", "groups.organisation_deleted")
def _(k):
    organisation = OrganisationFactory()
    return lambda: groups.organisation_delete(organisation=organisation, actor=k.staff)


@row("groups.organisation_contact_save", "groups.organisation_contact_added")
def _(k):
    from groups.models import OrganisationContact

    contact = OrganisationContact(organisation=OrganisationFactory(), user=UserFactory(), job_title="Head")
    return lambda: groups.organisation_contact_save(contact=contact, actor=k.staff)


@row("groups.organisation_contact_remove", "groups.organisation_contact_removed")
def _(k):
    contact = OrganisationContactFactory()
    return lambda: groups.organisation_contact_remove(contact=contact, actor=k.staff)


@row("la_network.council_contact_save", "la_network.contact_added")
def _(k):
    from la_network.models import CouncilContact

    contact = CouncilContact(user=UserFactory(), local_authority=LocalAuthorityFactory(), role="officer")
    return lambda: la_network.council_contact_save(contact=contact, actor=k.staff)


@row("la_network.council_contact_remove", "la_network.contact_removed")
def _(k):
    contact = CouncilContactFactory()
    return lambda: la_network.council_contact_remove(contact=contact, actor=k.staff)


@row("awards.stream_save", "awards.stream_created")
def _(k):
    from awards.models import Stream

    stream = Stream(name="Libraries", award_title="Library of Sanctuary", slug="libraries-x", summary="S")
    return lambda: awards.stream_save(stream=stream, actor=k.staff)


@row("awards.criterion_save", "awards.criterion_created")
def _(k):
    from awards.models import Criterion

    criterion = Criterion(stream=StreamFactory(), principle="learn", title="Training", description="D")
    return lambda: awards.criterion_save(criterion=criterion, actor=k.staff)


@row("sanctuary.role_grant", "sanctuary.role_granted")
def _(k):
    return lambda: sanctuary.role_grant(user=UserFactory(), role="assessor", actor=k.staff)


@row("sanctuary.role_revoke", "sanctuary.role_revoked")
def _(k):
    person = UserFactory()
    sanctuary.role_grant(user=person, role="guardian", actor=k.staff)
    return lambda: sanctuary.role_revoke(user=person, role="guardian", actor=k.staff)


@row("sanctuary.account_sign_up", "sanctuary.account_created")
def _(k):
    return lambda: sanctuary.account_sign_up(email="new@example.org", display_name="New", password="x" * 12)


@row("sanctuary.account_delete", "sanctuary.account_deleted")
def _(k):
    person = UserFactory()
    return lambda: sanctuary.account_delete(user=person)


def _invitation(k, **fields):
    return sanctuary.staff_invitation_create(
        actor=k.staff, email="invited@example.org", role="guardian", **fields
    )


@row("sanctuary.staff_invitation_create", "sanctuary.invitation_sent")
def _(k):
    return lambda: _invitation(k)


@row("sanctuary.staff_invitation_resend", "sanctuary.invitation_reissued")
def _(k):
    invitation = _invitation(k)
    return lambda: sanctuary.staff_invitation_resend(invitation=invitation, actor=k.staff)


@row("sanctuary.staff_invitation_revoke", "sanctuary.invitation_revoked")
def _(k):
    invitation = _invitation(k)
    return lambda: sanctuary.staff_invitation_revoke(invitation=invitation, actor=k.staff)


@row("sanctuary.staff_invitation_open", "sanctuary.invitation_link_refused")
def _(k):
    invitation = _invitation(k)
    StaffInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    token = sanctuary.invitation_token(invitation)

    def call():
        with pytest.raises(sanctuary.InvitationLinkRefused):
            sanctuary.staff_invitation_open(token=token)

    return call


@row("sanctuary.staff_invitation_accept", "sanctuary.invitation_accepted")
def _(k):
    person = UserFactory()
    token = sanctuary.invitation_token(
        sanctuary.staff_invitation_create(actor=k.staff, email=person.email, role="guardian")
    )
    return lambda: sanctuary.staff_invitation_accept(token=token, user=person)


@row("sanctuary.staff_invitation_sign_up", "sanctuary.invitation_accepted")
def _(k):
    token = sanctuary.invitation_token(_invitation(k))
    return lambda: sanctuary.staff_invitation_sign_up(token=token, display_name="New", password="x" * 12)


@row("sanctuary.failed_logins_notify", "sanctuary.failed_logins_notified")
def _(k):
    return lambda: sanctuary.failed_logins_notify(email=k.staff.email)


@row("sanctuary.privacy_notice_publish", "sanctuary.privacy_notice_published")
def _(k):
    return lambda: sanctuary.privacy_notice_publish(actor=k.staff, text="## Who we are\n\nUs.")


# --- groups -------------------------------------------------------------------------------------

GROUP_APPLICATION = {
    "name": "New group",
    "area_served": "Riverton",
    "nation": "england",
    "region": "north_west",
    "why": "Welcome.",
    "who_involved": "Friends.",
}


@row("groups.group_application_submit", "groups.application_submitted")
def _(k):
    return lambda: groups.group_application_submit(applicant=UserFactory(), **GROUP_APPLICATION)


@row("groups.group_application_approve", "groups.application_approved")
def _(k):
    application = groups.group_application_submit(applicant=UserFactory(), **GROUP_APPLICATION)
    return lambda: groups.group_application_approve(application=application, actor=k.staff)


@row("groups.group_application_decline", "groups.application_declined")
def _(k):
    application = groups.group_application_submit(applicant=UserFactory(), **GROUP_APPLICATION)
    return lambda: groups.group_application_decline(application=application, actor=k.staff, reason="No.")


@row("groups.group_update", "groups.group_updated")
def _(k):
    group = GroupFactory()
    return lambda: groups.group_update(group=group, actor=k.staff, data={"name": "Renamed"})


@row("groups.group_create", "groups.group_created")
def _(k):
    data = {"name": "Old group", "area_served": "Riverton", "nation": "england", "region": "north_west"}
    return lambda: groups.group_create(actor=k.staff, data=data)


@row("groups.group_contact_send", "groups.contact_message_received")
def _(k):
    group = GroupFactory()
    make_lead(group)
    return lambda: groups.group_contact_send(
        group=group, sender_name="Ada", sender_email="ada@example.org", message="Hello"
    )


@row("groups.membership_join", "groups.member_joined")
def _(k):
    group = GroupFactory()
    return lambda: groups.membership_join(group=group, user=UserFactory())


@row("groups.invitation_create", "groups.invitation_sent")
def _(k):
    group = GroupFactory()
    lead = make_lead(group)
    return lambda: groups.invitation_create(group=group, actor=lead, email="new@example.org", role="member")


@row("groups.invitation_accept", "groups.invitation_accepted")
def _(k):
    group = GroupFactory()
    person = UserFactory()
    lead = make_lead(group)
    invitation = groups.invitation_create(group=group, actor=lead, email=person.email, role="member")
    return lambda: groups.invitation_accept(token=groups.invitation_token(invitation), user=person)


@row("groups.membership_set_role", "groups.member_role_changed")
def _(k):
    membership = GroupMembershipFactory()
    return lambda: groups.membership_set_role(membership=membership, actor=k.staff, role="lead")


@row("groups.membership_remove", "groups.member_removed")
def _(k):
    membership = GroupMembershipFactory()
    return lambda: groups.membership_remove(membership=membership, actor=k.staff)


@row("groups.activity_record", "groups.activity_recorded")
def _(k):
    group = GroupFactory()
    data = {"date": timezone.localdate(), "kind": "event", "title": "Welcome tea"}
    return lambda: groups.activity_record(group=group, actor=k.staff, data=data)


@row("groups.activity_update", "groups.activity_updated")
def _(k):
    activity = ActivityFactory()
    return lambda: groups.activity_update(activity=activity, actor=k.staff, data={"title": "Renamed"})


@row("groups.activity_delete", "groups.activity_deleted")
def _(k):
    activity = ActivityFactory()
    return lambda: groups.activity_delete(activity=activity, actor=k.staff)


@row("groups.charter_version_publish", "groups.charter_published")
def _(k):
    return lambda: groups.charter_version_publish(actor=k.staff, title="Charter", text="Welcome.")


@row("groups.signature_create", "groups.charter_signed")
def _(k):
    CharterVersionFactory()
    return lambda: groups.signature_create(
        name="Ada",
        email="ada@example.org",
        place="Riverton",
        consent_group_contact=False,
        consent_public_name=False,
    )


@row("groups.signature_confirm", "groups.signature_confirmed")
def _(k):
    signature = SignatureFactory(confirmed_at=None)
    return lambda: groups.signature_confirm(token=groups.confirmation_token(signature))


@row("groups.signature_withdraw", "groups.signature_withdrawn")
def _(k):
    signature = SignatureFactory()
    return lambda: groups.signature_withdraw(signature=signature)


@row("groups.signature_consent_set", "groups.signature_consent_changed")
def _(k):
    signature = SignatureFactory(consent_public_name=False)
    return lambda: groups.signature_consent_set(signature=signature, consent_public_name=True)


@row("groups.organisation_pledge_withdraw", "groups.pledge_withdrawn")
def _(k):
    pledge = PledgeFactory()
    return lambda: groups.organisation_pledge_withdraw(pledge=pledge)


@row("groups.signatures_purge_unconfirmed", "groups.unconfirmed_signatures_purged")
def _(k):
    SignatureFactory(confirmed_at=None, created_at=timezone.now() - dt.timedelta(days=400))
    return lambda: groups.signatures_purge_unconfirmed()


@row("groups.contact_messages_purge", "groups.contact_messages_purged")
def _(k):
    GroupContactMessage.objects.create(
        group=GroupFactory(),
        sender_name="Ada",
        sender_email="ada@example.org",
        message="Hi",
        created_at=timezone.now() - dt.timedelta(days=settings.GROUP_CONTACT_MESSAGE_DAYS + 1),
    )
    return lambda: groups.contact_messages_purge()


@row("groups.export_record", "groups.signatures_exported")
def _(k):
    return lambda: groups.export_record(actor=k.staff, request=_request(k.staff), group=None, rows=3)


@row("groups.organisation_pledge_sign", "groups.pledge_submitted")
def _(k):
    CharterVersionFactory()
    return lambda: groups.organisation_pledge_sign(
        name="Library",
        org_type="library",
        website="",
        address="1 High St",
        postcode="RV1 1AA",
        region="north_west",
        size_band="",
        group=None,
        contact_name="Pat",
        contact_email="pat@example.org",
    )


@row("groups.organisation_pledge_decide", "groups.pledge_approved")
def _(k):
    pledge = PledgeFactory()
    return lambda: groups.organisation_pledge_decide(pledge=pledge, actor=k.staff, approve=True)


@row("groups.digests_send", Reminder("weekly_digest"))
def _(k):
    group = GroupFactory()
    make_lead(group)
    SignatureFactory(group=group, confirmed_at=timezone.now() - dt.timedelta(days=1))
    week_start = timezone.localdate() + dt.timedelta(days=1)
    return lambda: groups.digests_send(week_start=week_start)


@row("groups.digest_preference_set", "groups.digest_preference_set")
def _(k):
    return lambda: groups.digest_preference_set(user=UserFactory(), weekly_digest=False)


# --- la_network -----------------------------------------------------------------------------------


@row("geography.postcodes_import", "geography.postcodes_imported")
def _(k):
    return lambda: geography.postcodes_import(path=GEOGRAPHY_POSTCODES, actor=k.staff)


@row("geography.members_import", "geography.members_imported")
def _(k):
    return lambda: geography.members_import(path=GEOGRAPHY_MEMBERS, actor=k.staff)


@row("la_network.register_import", "la_network.register_imported")
def _(k):
    return lambda: la_network.register_import(path=BUILTIN_REGISTER, actor=k.staff)


@row("la_network.application_start", "la_network.application_started")
def _(k):
    contact = CouncilContactFactory()
    return lambda: la_network.application_start(
        user=contact.user, local_authority=contact.local_authority, role=contact.role
    )


@row("la_network.application_section_save", "la_network.section_saved")
def _(k):
    contact = CouncilContactFactory()
    application = la_network.application_start(
        user=contact.user, local_authority=contact.local_authority, role=contact.role
    )
    return lambda: la_network.application_section_save(
        application=application,
        section=Requirement.LOCAL_GROUP,
        values={"joint_work": "Forum"},
        actor=contact.user,
    )


@row("la_network.endorsement_decide", "la_network.endorsement_endorsed")
def _(k):
    application = complete_application(endorsed=False)
    endorsement = application.endorsements.get()
    lead = GroupMembership.objects.get(group=endorsement.group).user
    return lambda: la_network.endorsement_decide(
        endorsement=endorsement, actor=lead, endorse=True, statement="Yes"
    )


@row("la_network.endorsement_waive", "la_network.endorsement_waived")
def _(k):
    application = complete_application()
    return lambda: la_network.endorsement_waive(application=application, actor=k.staff, reason="No group")


@row("la_network.application_submit", "la_network.application_submitted")
def _(k):
    application = complete_application()
    return lambda: la_network.application_submit(application=application, actor=application.created_by)


def _submitted_la():
    return complete_application(status=LAApplication.Status.SUBMITTED)


@row("la_network.review_start", "la_network.review_started")
def _(k):
    application = _submitted_la()
    return lambda: la_network.review_start(application=application, actor=k.staff)


@row("la_network.requirements_review_record", "la_network.requirement_reviewed")
def _(k):
    application = _submitted_la()
    checks = {Requirement.MOTION: la_network.RequirementCheck(verified=True)}
    return lambda: la_network.requirements_review_record(
        application=application, checks=checks, actor=k.staff
    )


@row("la_network.application_request_changes", "la_network.changes_requested")
def _(k):
    application = _submitted_la()
    return lambda: la_network.application_request_changes(application=application, actor=k.staff, note="More")


@row("la_network.application_decline", "la_network.application_declined")
def _(k):
    application = _submitted_la()
    return lambda: la_network.application_decline(application=application, actor=k.staff, reason="No")


@row("la_network.application_approve", "la_network.application_approved")
def _(k):
    application = verify_all(_submitted_la(), k.staff)
    return lambda: la_network.application_approve(application=application, actor=k.staff)


@row("la_network.certificate_pdf", "la_network.certificate_generated")
def _(k):
    membership = make_membership(starts_on=timezone.localdate())
    return lambda: la_network.certificate_pdf(membership=membership)


@row("la_network.membership_renewal_start", "la_network.renewal_started")
def _(k):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=950))  # renewal open
    return lambda: la_network.membership_renewal_start(membership=membership, actor=k.staff)


@row("la_network.memberships_remind", Reminder("expiry_day"))
def _(k):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=900))
    return lambda: la_network.memberships_remind(memberships=[membership], today=membership.ends_on)


def _ended_membership():
    return make_membership(starts_on=timezone.localdate() - dt.timedelta(days=365 * 3 + 30))


@row("la_network.memberships_lapse", "la_network.membership_lapsed")
def _(k):
    membership = _ended_membership()
    return lambda: la_network.memberships_lapse(memberships=[membership], today=timezone.localdate())


@row("la_network.renewal_sweep_run", "la_network.membership_lapsed")
def _(k):
    _ended_membership()
    return lambda: la_network.renewal_sweep_run()


@row("la_network.council_contact_verify", "la_network.contact_verified")
def _(k):
    contact = CouncilContactFactory(verified=False)
    return lambda: la_network.council_contact_verify(contact=contact, actor=k.staff)


@row("la_network.working_group_member_add", "la_network.working_group_joined")
def _(k):
    return lambda: la_network.working_group_member_add(
        actor=k.staff, name="Wendy", place=WorkingGroupMember.Place.OFFICER
    )


@row("la_network.working_group_member_leave", "la_network.working_group_left")
def _(k):
    person = WorkingGroupMember.objects.create(name="Wendy", place=WorkingGroupMember.Place.OFFICER)
    return lambda: la_network.working_group_member_leave(person=person, actor=k.staff)


# --- campaigns ------------------------------------------------------------------------------------


@row("campaigns.action_type_save", "campaigns.action_type_created")
def _(k):
    kind = ActionType(slug="hold-a-stall", name="Hold a stall", guidance="Smile.")
    return lambda: campaigns.action_type_save(action_type=kind, actor=k.staff)


@row("campaigns.campaign_save", "campaigns.campaign_created")
def _(k):
    campaign = Campaign(title="Welcome", slug="welcome", summary="Act.", starts_on=timezone.localdate())
    return lambda: campaigns.campaign_save(campaign=campaign, actor=k.staff)


@row("campaigns.action_log", "campaigns.action_logged")
def _(k):
    campaign = CampaignFactory()
    return lambda: campaigns.action_log(
        campaign=campaign,
        action_type=action_type(),
        user=UserFactory(),
        done_on=timezone.localdate(),
        region="north_west",
        details={"recipient": "A. Member"},
    )


@row("campaigns.action_outcome_record", "campaigns.outcome_recorded")
def _(k):
    action = ActionFactory()
    return lambda: campaigns.action_outcome_record(action=action, outcome={"reply": "yes"}, actor=action.user)


def _follow_up_due():
    days = settings.CAMPAIGN_FOLLOW_UP_DAYS + 1
    return ActionFactory(done_on=timezone.localdate() - dt.timedelta(days=days))


@row("campaigns.follow_ups_send", Reminder(campaigns.FOLLOW_UP_RULE))
def _(k):
    _follow_up_due()
    return lambda: campaigns.follow_ups_send()


@row("campaigns.action_update", "campaigns.action_updated")
def _(k):
    action = ActionFactory()
    return lambda: campaigns.action_update(
        action=action, actor=action.user, done_on=action.done_on, region="london", details=action.details
    )


@row("campaigns.action_delete", "campaigns.action_deleted")
def _(k):
    action = ActionFactory()
    return lambda: campaigns.action_delete(action=action, actor=action.user)


@row("campaigns.actions_delete", "campaigns.action_deleted")
def _(k):
    action = ActionFactory()
    return lambda: campaigns.actions_delete(actions=Action.objects.filter(pk=action.pk), actor=k.staff)


@row("campaigns.pledge_signatures_delete", "campaigns.pledge_deleted")
def _(k):
    signature = campaigns.pledge_sign(
        campaign=CampaignFactory(pledge_statement="We welcome."), name="Ada", email="ada@example.org"
    )
    return lambda: campaigns.pledge_signatures_delete(
        signatures=PledgeSignature.objects.filter(pk=signature.pk), actor=k.staff
    )


@row("campaigns.follow_up_sweep_run", Reminder(campaigns.FOLLOW_UP_RULE))
def _(k):
    _follow_up_due()
    return lambda: campaigns.follow_up_sweep_run()


@row("campaigns.preference_set", "campaigns.follow_up_preference_set")
def _(k):
    return lambda: campaigns.preference_set(user=UserFactory(), follow_up_emails=False)


@row("campaigns.progress_tick", "campaigns.progress_ticked")
def _(k):
    return lambda: campaigns.progress_tick(user=UserFactory(), step="write_to_mp", ticked=True)


@row("campaigns.pledge_sign", "campaigns.pledge_signed")
def _(k):
    campaign = CampaignFactory(pledge_statement="We welcome.")
    return lambda: campaigns.pledge_sign(campaign=campaign, name="Ada", email="ada@example.org")


@row("campaigns.pledge_withdraw", "campaigns.pledge_withdrawn")
def _(k):
    campaign = CampaignFactory(pledge_statement="We welcome.")
    signature = campaigns.pledge_sign(campaign=campaign, name="Ada", email="ada@example.org")
    return lambda: campaigns.pledge_withdraw(signature=signature)


@row("campaigns.pledge_confirm", "campaigns.pledge_confirmed")
def _(k):
    campaign = CampaignFactory(pledge_statement="We welcome.")
    signature = campaigns.pledge_sign(campaign=campaign, name="Ada", email="ada@example.org")
    return lambda: campaigns.pledge_confirm(
        claim=campaign_tokens.pledge_read(campaign_tokens.pledge_token(signature))
    )


# --- returnees ------------------------------------------------------------------------------------


@row("returnees.case_create", "returnees.case_created")
def _(k):
    data = {"full_name": "Z", "destination_country": "ZW"}
    return lambda: returnees.case_create(actor=k.coordinator, data=data)


@row("returnees.case_update", "returnees.case_updated")
def _(k):
    case = CaseFactory()
    return lambda: returnees.case_update(actor=k.coordinator, case=case, data={"known_as": "Zee"})


@row("returnees.case_start_monitoring", "returnees.case_status_changed")
def _(k):
    case = CaseFactory()
    return lambda: returnees.case_start_monitoring(actor=k.coordinator, case=case)


@row("returnees.case_close", "returnees.case_status_changed")
def _(k):
    case = monitored_case()
    return lambda: returnees.case_close(actor=k.coordinator, case=case, reason="settled")


@row("returnees.case_consent_withdraw", "returnees.consent_withdrawn")
def _(k):
    case = monitored_case()
    return lambda: returnees.case_consent_withdraw(actor=k.coordinator, case=case)


def _closed_long_ago() -> Case:
    case = returnees.case_close(actor=None, case=monitored_case(), reason="settled")
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=settings.RETURNEE_RETENTION_DAYS + 1)
    )
    return case


@row("returnees.case_anonymise", "returnees.case_anonymised")
def _(k):
    case = _closed_long_ago()
    return lambda: returnees.case_anonymise(case_id=case.pk)


@row("returnees.retention_sweep", "returnees.case_anonymised")
def _(k):
    _closed_long_ago()
    return lambda: returnees.retention_sweep()


@row("returnees.circle_add", "returnees.circle_member_added")
def _(k):
    case = CaseFactory()
    guardian = guardian_of(CaseFactory())
    return lambda: returnees.circle_add(actor=k.coordinator, case=case, guardian=guardian)


@row("returnees.circle_remove", "returnees.circle_member_removed")
def _(k):
    case = CaseFactory()
    guardian = guardian_of(case)
    return lambda: returnees.circle_remove(actor=k.coordinator, case=case, guardian_id=guardian.pk)


@row("returnees.schedule_set", "returnees.schedule_set")
def _(k):
    case = monitored_case()
    return lambda: returnees.schedule_set(actor=k.coordinator, case=case, rules=[(0, 3)])


@row("returnees.checkin_record", "returnees.checkin_recorded")
def _(k):
    case = monitored_case()
    guardian = guardian_of(case)
    return lambda: returnees.checkin_record(
        actor=guardian, case=case, occurred_at=timezone.now(), channel="phone", reached=True, wellbeing="safe"
    )


@row("returnees.escalation_raise", "returnees.escalation_raised")
def _(k):
    case = monitored_case()
    return lambda: returnees.escalation_raise(
        case=case, reason=Escalation.Reason.IN_DANGER, reference_date=timezone.localdate()
    )


@row("returnees.escalations_raise", "returnees.escalation_raised")
def _(k):
    case = monitored_case()
    cause = returnees.EscalationCause(
        case=case, reason=Escalation.Reason.OVERDUE, reference_date=timezone.localdate()
    )
    return lambda: returnees.escalations_raise(causes=[cause])


def _escalation() -> Escalation:
    return Escalation.objects.create(
        case=monitored_case(), reason="overdue", reference_date=timezone.localdate()
    )


@row("returnees.escalation_acknowledge", "returnees.escalation_acknowledged")
def _(k):
    escalation = _escalation()
    return lambda: returnees.escalation_acknowledge(actor=k.coordinator, escalation=escalation)


@row("returnees.escalation_resolve", "returnees.escalation_resolved")
def _(k):
    escalation = _escalation()
    return lambda: returnees.escalation_resolve(actor=k.coordinator, escalation=escalation, notes="Safe")


@row("returnees.checkin_sweep", "returnees.escalation_raised")
def _(k):
    monitored_case(started_at=timezone.now() - dt.timedelta(days=20))
    return lambda: returnees.checkin_sweep()


@row("returnees.contact_add", "returnees.contact_added")
def _(k):
    case = CaseFactory()
    return lambda: returnees.contact_add(actor=k.coordinator, case=case, name="Uncle")


@row("returnees.country_note_add", "returnees.country_note_added")
def _(k):
    case = CaseFactory()
    return lambda: returnees.country_note_add(
        actor=k.coordinator, case=case, researched_on=timezone.localdate(), notes="Calm"
    )


@row("returnees.plan_version_create", "returnees.plan_version_created")
def _(k):
    case = CaseFactory()
    return lambda: returnees.plan_version_create(actor=k.coordinator, case=case, sections={"travel": "Bus"})


@row("returnees.plan_pdf", "returnees.plan_pdf_generated")
def _(k):
    plan = returnees.plan_version_create(actor=k.coordinator, case=CaseFactory(), sections={"travel": "Bus"})
    return lambda: returnees.plan_pdf(plan=plan)


@row("returnees.plan_handover_record", "returnees.plan_given")
def _(k):
    plan = returnees.plan_version_create(actor=k.coordinator, case=CaseFactory(), sections={"travel": "Bus"})
    return lambda: returnees.plan_handover_record(
        actor=k.coordinator, plan=plan, recipient="returnee", given_on=timezone.localdate()
    )


def _upload():
    return clean_upload(SimpleUploadedFile("id.pdf", PDF))


@row("returnees.document_add", "returnees.document_added")
def _(k):
    case = CaseFactory()
    return lambda: returnees.document_add(actor=k.coordinator, case=case, upload=_upload(), kind="identity")


@row("returnees.documents_rotate_keys", "returnees.documents_rekeyed")
def _(k):
    returnees.document_add(actor=k.coordinator, case=CaseFactory(), upload=_upload(), kind="identity")
    return lambda: returnees.documents_rotate_keys()


# --- awards ---------------------------------------------------------------------------------------


@row("awards.application_start", "awards.application_started")
def _(k):
    contact = OrganisationContactFactory()
    stream = make_stream()
    return lambda: awards.application_start(
        stream=stream, organisation=contact.organisation, user=contact.user
    )


@row("awards.interest_register", "awards.interest_registered")
def _(k):
    contact = OrganisationContactFactory()
    stream = make_stream()
    return lambda: awards.interest_register(
        stream=stream, organisation=contact.organisation, user=contact.user
    )


@row("awards.answer_save", "awards.answer_saved")
def _(k):
    draft = make_draft()
    criterion = draft.stream.criteria.first()
    return lambda: awards.answer_save(
        application=draft, criterion=criterion, user=draft.applicant, account="We", links="", complete=True
    )


@row("awards.commitments_save", "awards.commitments_saved")
def _(k):
    draft = make_draft()
    return lambda: awards.commitments_save(application=draft, user=draft.applicant, commitments="More")


@row("awards.evidence_delete", "awards.evidence_deleted")
def _(k):
    draft = make_draft()
    answer = awards.answer_save(
        application=draft,
        criterion=draft.stream.criteria.first(),
        user=draft.applicant,
        account="We",
        links="",
        complete=False,
        upload=ContentFile(PDF, name="e.pdf"),
    )
    evidence = answer.evidence.get()
    return lambda: awards.evidence_delete(evidence=evidence, user=draft.applicant)


@row("awards.application_submit", "awards.application_submitted")
def _(k):
    draft = make_draft()
    complete_minimum(draft)
    return lambda: awards.application_submit(application=draft, user=draft.applicant)


@row("awards.endorsement_respond", "awards.endorsement_answered")
def _(k):
    group = GroupFactory()
    lead = make_lead(group)
    contact = OrganisationContactFactory(organisation=OrganisationFactory(group=group))
    application = make_submitted(contact=contact)
    return lambda: awards.endorsement_respond(
        endorsement=application.endorsement, user=lead, endorse=True, comment="Yes"
    )


@row("awards.application_withdraw", "awards.application_withdrawn")
def _(k):
    draft = make_draft()
    return lambda: awards.application_withdraw(application=draft, user=draft.applicant)


@row("awards.assessor_profile_set", "awards.assessor_profile_set")
def _(k):
    return lambda: awards.assessor_profile_set(user=make_assessor(), lived_experience=True, actor=k.staff)


@row("awards.panel_member_add", "awards.panel_member_added")
def _(k):
    application = make_submitted()
    return lambda: awards.panel_member_add(application=application, assessor=make_assessor(), actor=k.staff)


@row("awards.panel_member_remove", "awards.panel_member_removed")
def _(k):
    member = awards.panel_member_add(application=make_submitted(), assessor=make_assessor(), actor=k.staff)
    return lambda: awards.panel_member_remove(member=member, actor=k.staff)


@row("awards.conflict_declare", "awards.conflict_declared")
def _(k):
    member = awards.panel_member_add(application=make_submitted(), assessor=make_assessor(), actor=k.staff)
    return lambda: awards.conflict_declare(member=member, has_conflict=False)


def _in_review():
    application = make_submitted()
    members = make_panel(application, make_assessor())
    return awards.review_start(application=application, actor=None), members


@row("awards.review_start", "awards.review_started")
def _(k):
    application = make_submitted()
    make_panel(application, k.staff)
    return lambda: awards.review_start(application=application, actor=k.staff)


@row("awards.review_save", "awards.review_saved")
def _(k):
    application, members = _in_review()
    answer = application.answers.first()
    return lambda: awards.review_save(member=members[0], outcomes={answer.pk: ("met", "")}, submit=False)


@row("awards.review_reopen", "awards.review_reopened")
def _(k):
    application, members = _in_review()
    outcomes = {answer.pk: ("met", "") for answer in application.answers.all()}
    awards.review_save(member=members[0], outcomes=outcomes, submit=True)
    return lambda: awards.review_reopen(member=members[0], reason="Look again", actor=k.staff)


@row("awards.reviewer_remind", Reminder("awards.review_reminder"))
def _(k):
    _application, members = _in_review()
    member = type(members[0]).objects.get(pk=members[0].pk)
    return lambda: awards.reviewer_remind(member=member)


@row("awards.reviewers_remind", "awards.reviewer_reminded")
def _(k):
    application, _members = _in_review()
    return lambda: awards.reviewers_remind(application=application, actor=k.staff)


@row("awards.evidence_request", "awards.evidence_requested")
def _(k):
    application, _members = _in_review()
    return lambda: awards.evidence_request(
        application=application,
        answers=list(application.answers.all()),
        note="More",
        due_on=timezone.localdate() + dt.timedelta(days=10),
        actor=k.staff,
    )


@row("awards.application_decide", "awards.application_awarded")
def _(k):
    application, members = _in_review()
    review_all(application, members)
    return lambda: awards.application_decide(
        application=application, awarded=True, feedback="Well done", actor=k.staff
    )


@row("awards.award_create", "awards.award_made")
def _(k):
    application, _members = _in_review()
    return lambda: awards.award_create(application=application, actor=k.staff)


@row("awards.certificate_generate", "awards.certificate_generated")
def _(k):
    award = make_award(k.staff)
    return lambda: awards.certificate_generate(award_id=award.pk)


@row("awards.certificate_pdf", "awards.certificate_generated")
def _(k):
    award = make_award(k.staff)
    return lambda: awards.certificate_pdf(award_id=award.pk)


@row("awards.certificates_generate_missing", "awards.certificate_generated")
def _(k):
    make_award(k.staff)
    return lambda: awards.certificates_generate_missing()


@row("awards.interest_notify", Reminder("awards.stream_open"))
def _(k):
    contact = OrganisationContactFactory()
    awards.interest_register(stream=make_stream(), organisation=contact.organisation, user=contact.user)
    return lambda: awards.interest_notify()


@row("awards.reaccreditation_remind", Reminder("awards.reaccreditation_1_month"))
def _(k):
    award = make_award(k.staff)
    return lambda: awards.reaccreditation_remind(today=add_months(award.expires_on, -1))


@row("awards.streams_load", "awards.streams_loaded")
def _(k):
    return lambda: awards.streams_load(actor=k.staff)


@row("awards.evidence_due_remind", Reminder("awards.evidence_due_soon"))
def _(k):
    application, _members = _in_review()
    awards.evidence_request(
        application=application,
        answers=list(application.answers.all()),
        note="More",
        due_on=timezone.localdate() + dt.timedelta(days=2),
        actor=k.staff,
    )
    return lambda: awards.evidence_due_remind()


# --- events -------------------------------------------------------------------------------------


@row("events.event_create", "events.event_created")
def _(k):
    group = GroupFactory()
    start = timezone.now() + dt.timedelta(days=3)
    data = {
        "title": "Shared lunch",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "place": "Hall",
    }
    return lambda: events.event_create(group=group, actor=k.staff, data=data)


@row("events.event_update", "events.event_updated")
def _(k):
    event = EventFactory()
    return lambda: events.event_update(event=event, actor=k.staff, data={"title": "Shared supper"})


@row("events.event_cancel", "events.event_cancelled")
def _(k):
    event = EventFactory()
    return lambda: events.event_cancel(event=event, actor=k.staff)


@row("events.event_activity_record", "events.event_activity_recorded")
def _(k):
    event = past_event()
    data = {"date": timezone.localdate(), "kind": "event", "title": event.title}
    return lambda: events.event_activity_record(event=event, actor=k.staff, data=data)


# --- resources ---------------------------------------------------------------------------------------


def _resource(k, **fields):
    from resources import services as resources

    return resources.resource_create(
        actor=k.staff,
        data={"title": "Guide", "summary": "S", "audience": "public"},
        url="https://example.org/guide",
        **fields,
    )


@row("resources.resource_create", "resources.resource_created")
def _(k):
    from resources import services as resources

    return lambda: resources.resource_create(
        actor=k.staff,
        data={"title": "Guide", "summary": "S", "audience": "members"},
        upload=clean_upload(SimpleUploadedFile("guide.pdf", PDF)),
    )


@row("resources.resource_update", "resources.resource_updated")
def _(k):
    from resources import services as resources

    resource = _resource(k)
    return lambda: resources.resource_update(resource=resource, actor=k.staff, data={"title": "New"})


@row("resources.resource_archive", "resources.resource_archived")
def _(k):
    from resources import services as resources

    resource = _resource(k)
    return lambda: resources.resource_archive(resource=resource, actor=k.staff)


@row("resources.resource_restore", "resources.resource_restored")
def _(k):
    from resources import services as resources

    resource = resources.resource_archive(resource=_resource(k), actor=k.staff)
    return lambda: resources.resource_restore(resource=resource, actor=k.staff)


@row("resources.resource_delete", "resources.resource_deleted")
def _(k):
    from resources import services as resources

    resource = resources.resource_archive(resource=_resource(k), actor=k.staff)
    return lambda: resources.resource_delete(resource=resource, actor=k.staff)


@row("resources.topic_save", "resources.topic_created")
def _(k):
    from resources import services as resources
    from resources.models import Topic

    return lambda: resources.topic_save(topic=Topic(name="Welcome", slug="welcome"), actor=k.staff)


@row("resources.topic_delete", "resources.topic_deleted")
def _(k):
    from resources import services as resources
    from resources.models import Topic

    topic = resources.topic_save(topic=Topic(name="Welcome", slug="welcome"), actor=k.staff)
    return lambda: resources.topic_delete(topic=topic, actor=k.staff)


def _suggestion(k):
    from resources import services as resources

    return resources.suggestion_make(user=make_lead(), title="Café", summary="S", url="https://example.org/c")


@row("resources.suggestion_make", "resources.suggestion_made")
def _(k):
    from resources import services as resources

    lead = make_lead()
    return lambda: resources.suggestion_make(
        user=lead, title="Café", summary="S", url="https://example.org/c"
    )


@row("resources.suggestion_approve", "resources.suggestion_approved")
def _(k):
    from resources import services as resources

    suggestion = _suggestion(k)
    return lambda: resources.suggestion_approve(
        suggestion=suggestion, actor=k.staff, data={"title": "Café", "summary": "S", "audience": "public"}
    )


@row("resources.suggestion_decline", "resources.suggestion_declined")
def _(k):
    from resources import services as resources

    suggestion = _suggestion(k)
    return lambda: resources.suggestion_decline(suggestion=suggestion, actor=k.staff, reason="Out of date")


@row("resources.links_check", "resources.links_checked")
def _(k):
    from resources import services as resources

    # A link the checker refuses to fetch (a private address): recorded as broken, nothing fetched.
    _resource(k).__class__.objects.update(url="http://10.255.255.1/")
    return lambda: resources.links_check()


# --- the tests --------------------------------------------------------------------------------------


def test_every_service_function_is_listed():
    found = public_service_functions()
    unlisted = sorted(found - set(ROWS) - set(EXEMPT))
    assert unlisted == [], f"service functions with no audit row or exemption here: {unlisted}"
    stale = sorted((set(ROWS) | set(EXEMPT)) - found)
    assert stale == [], f"rows for functions that no longer exist: {stale}"
    assert not set(ROWS) & set(EXEMPT)


@pytest.mark.parametrize("name", sorted(ROWS))
def test_the_service_leaves_its_row(kit, name):
    setup, expect = ROWS[name]
    call = setup(kit)
    last_audit = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_reminder = ReminderLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    call()
    if isinstance(expect, Reminder):
        rules = set(ReminderLog.objects.filter(pk__gt=last_reminder).values_list("rule", flat=True))
        assert expect.rule in rules, f"{name} recorded reminders {sorted(rules)}, not {expect.rule}"
    else:
        actions = set(AuditEvent.objects.filter(pk__gt=last_audit).values_list("action", flat=True))
        assert expect in actions, f"{name} wrote audit rows {sorted(actions)}, not {expect}"
