"""What the awards hold about a person, and how it goes when they delete their account
(sanctuary/rights.py). Applications, evidence, reviews and decisions are the organisations'
and the panels' records: they stay, attached to the anonymised account."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import Application, AssessorProfile, InterestRegistration, PanelMember
from sanctuary import hooks
from sanctuary.i18n import localised
from sanctuary.rights import DataSection


@hooks.register("account_deletion_blockers")
def open_panels(user) -> list[str]:
    seats = PanelMember.objects.filter(assessor=user, application__status__in=Application.OPEN_STATES).count()
    if not seats:
        return []
    return [
        ngettext(
            "You sit on the panel of %(n)d award application still being assessed. Ask national staff "
            "to replace you on it before deleting your account.",
            "You sit on the panels of %(n)d award applications still being assessed. Ask national staff "
            "to replace you on them before deleting your account.",
            seats,
        )
        % {"n": seats}
    ]


@hooks.register("account_erase")
def erase(user) -> None:
    InterestRegistration.objects.filter(user=user).delete()
    # Whether the person has lived experience of seeking sanctuary is special-category data.
    AssessorProfile.objects.filter(user=user).delete()


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    profile = AssessorProfile.objects.filter(user=user).first()
    return DataSection(
        key="awards",
        title=_("Sanctuary Awards"),
        order=40,
        records={
            _("Award applications you started"): [
                {
                    _("Organisation"): a.organisation.name,
                    _("Stream"): localised(a.stream, "name"),
                    _("Status"): a.get_status_display(),
                    _("Started"): a.created_at,
                    _("Submitted"): a.submitted_at,
                    _("Decided"): a.decided_at,
                }
                for a in Application.objects.filter(applicant=user)
                .select_related("organisation", "stream")
                .order_by("pk")
            ],
            _("Streams you asked to hear about"): [
                {
                    _("Stream"): localised(r.stream, "name"),
                    _("Organisation"): r.organisation.name,
                    _("Asked"): r.created_at,
                }
                for r in InterestRegistration.objects.filter(user=user)
                .select_related("stream", "organisation")
                .order_by("pk")
            ],
            _("Assessor profile"): [{_("Lived experience of seeking sanctuary"): profile.lived_experience}]
            if profile
            else [],
            _("Panels you sit on"): [
                {
                    _("Organisation"): seat.application.organisation.name,
                    _("Stream"): localised(seat.application.stream, "name"),
                    _("Conflict of interest"): seat.get_conflict_display(),
                    _("Added"): seat.added_at,
                    _("Review submitted"): seat.review_submitted_at,
                }
                for seat in PanelMember.objects.filter(assessor=user)
                .select_related("application__organisation", "application__stream")
                .order_by("pk")
            ],
        },
    )
