"""What groups and the charter hold about a person, and how it goes when they delete their
account (the ``account_deletion_blockers`` and ``account_erase`` hooks, sanctuary/rights.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from groups import services
from groups.models import (
    CharterSignature,
    GroupApplication,
    GroupContactMessage,
    GroupInvitation,
    GroupMembership,
    OrganisationContact,
    OrganisationPledge,
)
from sanctuary import hooks
from sanctuary.rights import DataSection, addresses_of

LEAD = GroupMembership.Role.LEAD


@hooks.register("account_deletion_blockers")
def last_lead(user) -> list[str]:
    """A group must always keep a lead (as when a lead is removed or steps down)."""
    alone = (
        GroupMembership.objects.filter(user=user, role=LEAD)
        .annotate(leads=Count("group__memberships", filter=Q(group__memberships__role=LEAD)))
        .filter(leads=1)
        .select_related("group")
        .order_by("group__name")
    )
    return [
        _(
            "You are the only lead of %(group)s. Make another member a lead in the group's workspace "
            "(or ask national staff to close the group) before deleting your account."
        )
        % {"group": membership.group.name}
        for membership in alone
    ]


@hooks.register("account_erase")
def erase(user) -> None:
    addresses = addresses_of(user)
    for signature in CharterSignature.objects.filter(email__in=addresses):
        services.signature_withdraw(signature=signature, actor=user)
    GroupMembership.objects.filter(user=user).delete()
    OrganisationContact.objects.filter(user=user).delete()
    # The pledge is the organisation's and stays; its contact person is no longer named.
    OrganisationPledge.objects.filter(Q(contact_email__in=addresses) | Q(signed_by=user)).update(
        contact_name="", contact_email=""
    )
    # The decision on a request to start a group stays (it made the group); the person's words go.
    GroupApplication.objects.filter(applicant=user).update(why="", who_involved="")
    GroupInvitation.objects.filter(email__in=addresses).delete()
    GroupContactMessage.objects.filter(sender_email__in=addresses).delete()


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    addresses = addresses_of(user)
    signatures = list(CharterSignature.objects.filter(email__in=addresses).select_related("group"))
    pledges = list(
        OrganisationPledge.objects.filter(Q(contact_email__in=addresses) | Q(signed_by=user))
        .select_related("organisation")
        .order_by("pk")
    )
    links = [
        (_("Withdraw or change your charter signature"), reverse("charter:signature", args=[token]))
        for token in map(services.signature_manage_token, signatures)
    ] + [
        (
            _("Withdraw the pledge of %(organisation)s") % {"organisation": pledge.organisation.name},
            reverse("charter:pledge", args=[services.pledge_manage_token(pledge)]),
        )
        for pledge in pledges
    ]
    return DataSection(
        key="groups",
        title=_("Groups and the charter"),
        order=20,
        links=links,
        records={
            _("Group memberships"): [
                {_("Group"): m.group.name, _("Role"): m.get_role_display(), _("Joined"): m.joined_at}
                for m in GroupMembership.objects.filter(user=user).select_related("group").order_by("pk")
            ],
            _("Charter signature"): [
                {
                    _("Name"): s.name,
                    _("Email address"): s.email,
                    _("Postcode or town"): s.place,
                    _("Postcode"): s.postcode,
                    _("Region"): s.get_region_display(),
                    _("Local group"): s.group.name if s.group else None,
                    _("The local group may contact me"): s.consent_group_contact,
                    _("Show my name publicly"): s.consent_public_name,
                    _("Signed"): s.created_at,
                    _("Confirmed"): s.confirmed_at,
                }
                for s in signatures
            ],
            _("Organisation pledges"): [
                {
                    _("Organisation"): p.organisation.name,
                    _("Contact person"): p.contact_name,
                    _("Contact email address"): p.contact_email,
                    _("Status"): p.get_status_display(),
                    _("Signed"): p.created_at,
                }
                for p in pledges
            ],
            _("Organisations you act for"): [
                {
                    _("Organisation"): c.organisation.name,
                    _("Job title"): c.job_title,
                    _("Since"): c.created_at,
                }
                for c in OrganisationContact.objects.filter(user=user)
                .select_related("organisation")
                .order_by("pk")
            ],
            _("Requests to start a group"): [
                {
                    _("Proposed group name"): a.name,
                    _("Area"): a.area_served,
                    _("Why"): a.why,
                    _("Who is involved"): a.who_involved,
                    _("Status"): a.get_status_display(),
                    _("Sent"): a.created_at,
                }
                for a in GroupApplication.objects.filter(applicant=user).order_by("pk")
            ],
            _("Messages you sent to groups"): [
                {
                    _("Group"): m.group.name,
                    _("Your name"): m.sender_name,
                    _("Message"): m.message,
                    _("Sent"): m.created_at,
                }
                for m in GroupContactMessage.objects.filter(sender_email__in=addresses).select_related(
                    "group"
                )
            ],
            _("Invitations to join a group"): [
                {
                    _("Group"): i.group.name,
                    _("Role"): i.get_role_display(),
                    _("Sent"): i.created_at,
                    _("Accepted"): i.accepted_at,
                }
                for i in GroupInvitation.objects.filter(email__in=addresses)
                .select_related("group")
                .order_by("pk")
            ],
        },
    )
