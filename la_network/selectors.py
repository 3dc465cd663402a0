"""Who may see what in the network, and the reads behind its pages."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import GroupMembership
from la_network.models import (
    Application,
    CouncilContact,
    Endorsement,
    LocalAuthority,
    Membership,
    Requirement,
)
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Nation, Region
from sanctuary.permissions import is_national_staff, is_signed_in
from sanctuary.terms import add_years

MEMBERS_FIGURES = "la_network.members"


def can_endorse(user, endorsement: Endorsement) -> bool:
    return GroupMembership.objects.filter(
        user=user, group_id=endorsement.group_id, role=GroupMembership.Role.LEAD
    ).exists()


def active_memberships(today: dt.date):
    """Memberships in force on ``today``, judged by dates so a missed sweep never shows a lapsed one."""
    return Membership.objects.filter(starts_on__lte=today, ends_on__gte=today).exclude(
        status=Membership.Status.LAPSED
    )


def memberships_recipients(memberships: Sequence[Membership]) -> dict[int, list[str]]:
    """Who is told about each membership's renewal: the council's verified contacts, the
    councillor and officer named in its application, and the leads of the groups it named.
    Three queries, however many memberships."""
    contacts: dict[int, list[str]] = defaultdict(list)
    for council_id, email in CouncilContact.objects.filter(
        local_authority_id__in={m.local_authority_id for m in memberships}, verified=True
    ).values_list("local_authority_id", "user__email"):
        contacts[council_id].append(email)
    named: dict[int, list[int]] = defaultdict(list)
    for application_id, group_id in Application.groups.through.objects.filter(
        application_id__in={m.application_id for m in memberships}
    ).values_list("application_id", "group_id"):
        named[application_id].append(group_id)
    leads: dict[int, list[str]] = defaultdict(list)
    for group_id, email in GroupMembership.objects.filter(
        group_id__in={g for groups in named.values() for g in groups}, role=GroupMembership.Role.LEAD
    ).values_list("group_id", "user__email"):
        leads[group_id].append(email)
    recipients = {}
    for m in memberships:
        application = m.application
        emails = [*contacts[m.local_authority_id], application.councillor_email, application.officer_email]
        emails += [email for group_id in named[m.application_id] for email in leads[group_id]]
        recipients[m.pk] = [e for e in emails if e]
    return recipients


def applications_visible_to(user) -> QuerySet[Application]:
    """Staff see all; a person sees what they started and what their verified councils sent."""
    qs = Application.objects.select_related("local_authority", "renewal_of")
    if not is_signed_in(user):
        return qs.none()
    if is_national_staff(user):
        return qs
    verified = CouncilContact.objects.filter(user=user, verified=True).values("local_authority_id")
    return qs.filter(Q(created_by=user) | Q(local_authority_id__in=verified))


def endorsements_for_lead(user) -> QuerySet[Endorsement]:
    if not is_signed_in(user):
        return Endorsement.objects.none()
    led = GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD).values("group_id")
    return Endorsement.objects.filter(group_id__in=led).select_related(
        "group", "application__local_authority"
    )


def members_on(day: dt.date | None = None, *, nation: str = "", region: str = "") -> QuerySet[Membership]:
    """Member councils on ``day``, one row each (a renewal that has started replaces the old term)."""
    day = day or timezone.localdate()
    qs = active_memberships(day).select_related("local_authority", "application")
    if nation:
        qs = qs.filter(local_authority__nation=nation)
    if region:
        qs = qs.filter(local_authority__region=region)
    return qs.order_by("local_authority__short_name")


@dataclass(frozen=True)
class Member:
    """A member council on a given day: what the public register, its open data and the
    other apps' pages show of it."""

    local_authority_id: int
    code: str
    short_name: str
    official_name: str
    gss_code: str
    nation: str
    region: str
    latitude: float | None
    longitude: float | None
    starts_on: dt.date
    ends_on: dt.date
    strategy_title: str
    strategy_url: str

    @property
    def nation_label(self) -> str:
        return Nation(self.nation).label

    @property
    def region_label(self) -> str:
        return Region(self.region).label if self.region else ""


# Member's fields, as read from a membership row.
_MEMBER_COLUMNS = {
    "local_authority_id": "local_authority_id",
    "code": "local_authority__code",
    "short_name": "local_authority__short_name",
    "official_name": "local_authority__official_name",
    "gss_code": "local_authority__gss_code",
    "nation": "local_authority__nation",
    "region": "local_authority__region",
    "latitude": "local_authority__latitude",
    "longitude": "local_authority__longitude",
    "starts_on": "starts_on",
    "ends_on": "ends_on",
    "strategy_title": "application__strategy_title",
    "strategy_url": "application__strategy_url",
}


def members_today(day: dt.date | None = None) -> list[Member]:
    """Every member council on ``day``, by name. One query a day, or after a membership or a
    council changes (an approved application's strategy can no longer be edited)."""
    day = day or timezone.localdate()

    def compute() -> list[Member]:
        members = []
        for row in members_on(day).values_list(*_MEMBER_COLUMNS.values()):
            values = dict(zip(_MEMBER_COLUMNS, row, strict=True))
            for name in ("latitude", "longitude"):
                values[name] = None if values[name] is None else float(values[name])
            members.append(Member(**values))
        return members

    return cached_figures(MEMBERS_FIGURES, f"members:{day.isoformat()}", compute)


# The register's open data: /la-network/members.csv and .json, and the data package at /data/.
OPEN_DATA_FIELDS = [
    "code",
    "name",
    "official_name",
    "gss_code",
    "nation",
    "region",
    "member_from",
    "member_until",
    "strategy_title",
    "strategy_url",
]


def open_data_row(m: Member) -> dict:
    """One member council as the register's open data (and the public API) shows it."""
    return {
        "code": m.code,
        "name": m.short_name,
        "official_name": m.official_name,
        "gss_code": m.gss_code,
        "nation": m.nation,
        "region": m.region,
        "member_from": m.starts_on,
        "member_until": m.ends_on,
        "strategy_title": m.strategy_title,
        "strategy_url": m.strategy_url,
    }


def open_data_rows() -> list[dict]:
    """Today's member councils as the register's open data shows them (dates as dates)."""
    return [open_data_row(m) for m in members_today()]


def member_count(day: dt.date | None = None) -> int:
    day = day or timezone.localdate()
    return cached_figures(MEMBERS_FIGURES, f"count:{day.isoformat()}", lambda: len(members_today(day)))


def members_among(council_ids: Iterable[int], day: dt.date | None = None) -> list[Member]:
    """The members on ``day`` among these councils (a group's area), by name."""
    day = day or timezone.localdate()
    wanted = set(council_ids)
    if not wanted:
        return []
    # The key names the councils (hashed: an area may cover many), so it is never ambiguous.
    digest = hashlib.blake2b(",".join(map(str, sorted(wanted))).encode(), digest_size=12).hexdigest()
    return cached_figures(
        MEMBERS_FIGURES,
        f"among:{day.isoformat()}:{digest}",
        lambda: [m for m in members_today(day) if m.local_authority_id in wanted],
    )


def member_count_by_region(day: dt.date | None = None) -> list[dict]:
    """Members per region (per nation where a nation has no regions), in nation and region order."""
    totals = Counter((m.nation, m.region) for m in members_today(day))
    return [
        {"local_authority__nation": nation, "local_authority__region": region, "total": total}
        for (nation, region), total in sorted(totals.items())
    ]


def verified_member_contact(user, day: dt.date | None = None) -> bool:
    """True when ``user`` acts (verified) for a council that is a member today."""
    if not is_signed_in(user):
        return False
    day = day or timezone.localdate()
    return CouncilContact.objects.filter(
        user=user,
        verified=True,
        local_authority__in=active_memberships(day).values("local_authority_id"),
    ).exists()


def councils_open_to_apply() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.filter(is_current=True).order_by("short_name")


def terms_in_force(user, today) -> list[Membership]:
    """The council terms ``user`` may see that have not ended (the current one, and the next one
    once a renewal is approved), each with the renewal started from it, if any."""
    terms = list(
        memberships_visible_to(user)
        .filter(ends_on__gte=today)
        .exclude(status=Membership.Status.LAPSED)
        .order_by("local_authority__short_name", "starts_on")[:20]
    )
    renewals = {
        renewal.renewal_of_id: renewal
        for renewal in Application.objects.filter(renewal_of__in=terms).exclude(
            status=Application.Status.DECLINED
        )
    }
    for term in terms:
        term.renewal = renewals.get(term.pk)
    return terms


def memberships_visible_to(user) -> QuerySet[Membership]:
    qs = Membership.objects.select_related("local_authority", "application")
    if not is_signed_in(user):
        return qs.none()
    if is_national_staff(user):
        return qs
    verified = CouncilContact.objects.filter(user=user, verified=True).values("local_authority_id")
    return qs.filter(local_authority_id__in=verified)


def strategy_period_problem(
    starts_on: dt.date | None, ends_on: dt.date | None, *, reference: dt.date
) -> str | None:
    """Why a strategy's dates fail the rule of covering three years from approval, if they do."""
    if not starts_on or not ends_on:
        return _("Give the strategy's start and end dates.")
    if ends_on <= starts_on:
        return _("The strategy must end after it starts.")
    covers_from = max(starts_on, reference)
    needed = add_years(covers_from, settings.LA_MEMBERSHIP_YEARS)
    if ends_on < needed:
        return _(
            "The strategy must run for at least three years from approval: from %(start)s it "
            "needs to run until %(needed)s or later, but it ends on %(end)s."
        ) % {
            "start": covers_from.strftime("%d/%m/%Y"),
            "needed": needed.strftime("%d/%m/%Y"),
            "end": ends_on.strftime("%d/%m/%Y"),
        }
    return None


def application_problems(application: Application, *, today: dt.date | None = None) -> dict[str, list[str]]:
    """What is still missing for each requirement (an empty dict when ready to submit)."""
    today = today or timezone.localdate()
    a = application
    problems: dict[str, list[str]] = {}

    def need(section: str, message: str) -> None:
        problems.setdefault(section, []).append(message)

    if not a.motion_passed_on:
        need(Requirement.MOTION, _("Give the date the council passed its motion."))
    if not a.motion_title:
        need(Requirement.MOTION, _("Give the title of the motion."))
    if not a.motion_minutes_url and not a.motion_document:
        need(Requirement.MOTION, _("Link to the published minutes or upload the motion."))

    if not a.charter_signed_on:
        need(Requirement.CHARTER, _("Give the date the council signed the charter."))
    if not a.charter_signatory_name or not a.charter_signatory_role:
        need(Requirement.CHARTER, _("Say who signed the charter and in what role."))

    endorsements = list(a.endorsements.all())
    if not a.endorsement_waived:
        if not endorsements:
            need(Requirement.LOCAL_GROUP, _("Name the local group or groups you work with."))
        elif not any(e.status == Endorsement.Status.ENDORSED for e in endorsements):
            need(Requirement.LOCAL_GROUP, _("A named local group must endorse the application first."))
    if not a.joint_work.strip():
        need(Requirement.LOCAL_GROUP, _("Describe the work the council does with the group."))

    if not a.strategy_title:
        need(Requirement.STRATEGY, _("Give the title of the written strategy."))
    if not a.strategy_url:
        need(Requirement.STRATEGY, _("Give the public link to the strategy."))
    period = strategy_period_problem(a.strategy_starts_on, a.strategy_ends_on, reference=today)
    if period:
        need(Requirement.STRATEGY, period)

    if not (a.councillor_name and a.councillor_email and a.councillor_portfolio):
        need(Requirement.CONTACTS, _("Give the responsible councillor's name, email and portfolio."))
    if not (a.officer_name and a.officer_email and a.officer_job_title):
        need(Requirement.CONTACTS, _("Give at least one officer's name, email and job title."))

    for section in a.sections_to_confirm:
        if section in Requirement.values and section not in problems:
            need(section, _("Check this section again and save it to confirm it for the renewal."))
    return {key: problems[key] for key in Requirement.values if key in problems}


def approval_missing(application: Application) -> list[str]:
    """The requirements staff have not verified yet (the group's endorsement counts as
    verified once staff have waived it, with a reason, where no local group exists)."""
    verified = {r.requirement for r in application.reviews.all() if r.verified}
    if application.endorsement_waived:
        verified.add(Requirement.LOCAL_GROUP)
    return [str(label) for value, label in Requirement.choices if value not in verified]


def membership_term(*, approved_on: dt.date, previous: Membership | None) -> tuple[dt.date, dt.date]:
    """A renewal approved before the last term ends carries straight on from it."""
    starts_on = approved_on
    continuing = previous is not None and previous.status != Membership.Status.LAPSED
    if continuing and approved_on <= previous.ends_on:
        starts_on = previous.ends_on + dt.timedelta(days=1)
    ends_on = add_years(starts_on, settings.LA_MEMBERSHIP_YEARS) - dt.timedelta(days=1)
    return starts_on, ends_on
