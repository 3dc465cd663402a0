"""What campaigns hold about a person, and how it goes when they delete their account
(sanctuary/rights.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import services, tokens
from campaigns.models import Action, PledgeSignature, ProgressTick, SupporterPreference
from sanctuary import hooks
from sanctuary.i18n import localised
from sanctuary.rights import DataSection, addresses_of


@hooks.register("account_erase")
def erase(user) -> None:
    # Actions are the person's own reports (places, details, photos): they go, and the totals
    # counting them are recomputed (actions_delete forgets the cached figures).
    services.actions_delete(actions=Action.objects.filter(user=user), actor=user)
    services.pledge_signatures_delete(
        signatures=PledgeSignature.objects.filter(email__in=addresses_of(user)), actor=user
    )
    SupporterPreference.objects.filter(user=user).delete()
    ProgressTick.objects.filter(user=user).delete()


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    signatures = list(
        PledgeSignature.objects.filter(email__in=addresses_of(user)).select_related("campaign").order_by("pk")
    )
    preference = SupporterPreference.objects.filter(user=user).first()
    return DataSection(
        key="campaigns",
        title=_("Campaigns"),
        order=30,
        links=[
            (
                _("Withdraw your signature of the pledge of “%(campaign)s”")
                % {"campaign": localised(s.campaign, "title")},
                reverse("campaigns:pledge_manage", args=[tokens.pledge_manage_token(s)]),
            )
            for s in signatures
        ],
        records={
            _("Campaign actions"): [
                {
                    _("Campaign"): localised(a.campaign, "title"),
                    _("Action"): localised(a.action_type, "name"),
                    _("Date"): a.done_on,
                    _("On behalf of group"): a.group.name if a.group else None,
                    _("Place"): a.place,
                    _("Region"): a.get_region_display(),
                    _("Details"): a.details,
                    _("Link"): a.link,
                    _("Photo"): bool(a.photo),
                    _("Shown publicly"): a.is_public,
                    _("Outcome"): a.outcome,
                    _("Logged"): a.created_at,
                }
                for a in Action.objects.filter(user=user)
                .select_related("campaign", "action_type", "group")
                .order_by("pk")
            ],
            _("Pledge signatures"): [
                {
                    _("Campaign"): localised(s.campaign, "title"),
                    _("Name"): s.name,
                    _("Email address"): s.email,
                    _("Town"): s.town,
                    _("Signed"): s.created_at,
                    _("Confirmed"): s.confirmed_at,
                }
                for s in signatures
            ],
            _("Settings"): [{_("Send me 'how did it go?' emails"): preference.follow_up_emails}]
            if preference
            else [],
            _("Steps ticked on your checklist"): [
                {_("Step"): t.get_step_display(), _("Ticked"): t.ticked_at}
                for t in ProgressTick.objects.filter(user=user).order_by("pk")
            ],
        },
    )
