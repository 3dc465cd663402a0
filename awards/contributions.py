"""What the awards add to pages owned by others. Each provider runs a fixed number of queries.

The header's roles are asked by the core in one query for every app (role_labels returns
querysets). The dashboard panels start from one query saying which of them has anything to
show, and read a list only then. National and per-group figures are cached until an award is
made (figures_cache topics in awards/selectors.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import selectors
from awards.models import Application, Award, Endorsement, PanelMember
from groups.models import GroupMembership, OrganisationContact
from sanctuary import hooks
from sanctuary.figures_cache import cached_figures
from sanctuary.permissions import is_national_staff, is_signed_in

LIMIT = 10
OPEN_FOR_REVIEW = (Application.Status.SUBMITTED, Application.Status.IN_REVIEW)
_NO_TIES = dict.fromkeys(("applications", "seats", "endorsements"), False)


def award_ties(user) -> dict[str, bool]:
    """Which of the awards' personal dashboard panels have anything to show ``user``.

    One query. Remembered on the user object, which lives for one request (like
    ``User.staff_roles``), so the panels of one dashboard share it.
    """
    if not is_signed_in(user):
        return _NO_TIES
    ties = user.__dict__.get("award_ties")
    if ties is None:
        me = OuterRef("pk")
        # Used inside the Endorsement subquery: the user is two queries out.
        led = GroupMembership.objects.filter(user=OuterRef(me), role=GroupMembership.Role.LEAD).values(
            "group_id"
        )
        ties = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values(
                applications=Exists(Application.objects.filter(organisation__contacts__user=me)),
                seats=Exists(
                    PanelMember.objects.filter(assessor=me, application__status__in=OPEN_FOR_REVIEW).exclude(
                        conflict=PanelMember.Conflict.DECLARED
                    )
                ),
                endorsements=Exists(
                    Endorsement.objects.filter(
                        group_id__in=led,
                        status=Endorsement.Status.REQUESTED,
                        application__status__in=Application.OPEN_STATES,
                    )
                ),
            )
            .first()
        ) or _NO_TIES
        user.__dict__["award_ties"] = ties
    return ties


@hooks.register("group_sections")
def group_award_holders(group):
    today = timezone.localdate()
    holders = cached_figures(
        selectors.HOLDERS_TOPIC,
        f"group-holders:{group.pk}:{today.isoformat()}",
        lambda: selectors.group_holders(group_id=group.pk, today=today),
    )
    if not holders:
        return None
    return hooks.Panel(template="awards/panels/group_holders.html", context={"holders": holders}, order=40)


@hooks.register("group_figures")
def group_figures(group):
    today = timezone.localdate()
    count = cached_figures(
        selectors.HOLDERS_TOPIC,
        f"group:{group.pk}:{today.isoformat()}",
        lambda: (
            Award.objects.current(today)
            .filter(Q(organisation__group=group) | Q(application__group=group))
            .distinct()
            .count()
        ),
    )
    return [(_("Award holders in the area"), count)]


@hooks.register("role_labels")
def role_labels(user):
    return [
        (_("Award applicant"), "awards:application_list", OrganisationContact.objects.filter(user=user)),
        (_("Assessor panels"), "awards:review_list", PanelMember.objects.filter(assessor=user)),
    ]


@hooks.register("home_figures")
def home_figures():
    today = timezone.localdate()
    count = cached_figures(
        selectors.HOLDERS_TOPIC, f"national:{today.isoformat()}", lambda: Award.objects.current(today).count()
    )
    return [(_("Sanctuary Award holders"), count, reverse("awards:index"))]


@hooks.register("dashboard_panels")
def applicant_panel(request):
    user = request.user
    if not award_ties(user)["applications"]:
        return None
    # A person is a contact of an organisation at most once, so the join repeats no row.
    applications = list(
        Application.objects.filter(organisation__contacts__user=user)
        .select_related("stream", "organisation")
        .order_by("-created_at", "-pk")[:LIMIT]
    )
    if not applications:
        return None
    return hooks.Panel(
        template="awards/panels/my_applications.html", context={"applications": applications}, order=30
    )


@hooks.register("dashboard_panels")
def reviewer_panel(request):
    user = request.user
    if not award_ties(user)["seats"]:
        return None
    seats = list(
        selectors.panels_for(user)
        .filter(application__status__in=OPEN_FOR_REVIEW)
        .exclude(conflict=PanelMember.Conflict.DECLARED)
        .order_by("application__review_due_on", "pk")[:LIMIT]
    )
    if not seats:
        return None
    return hooks.Panel(template="awards/panels/my_reviews.html", context={"seats": seats}, order=31)


@hooks.register("dashboard_panels")
def endorsement_panel(request):
    user = request.user
    if not award_ties(user)["endorsements"]:
        return None
    waiting = list(
        selectors.endorsements_for(user).filter(
            status=Endorsement.Status.REQUESTED, application__status__in=Application.OPEN_STATES
        )[:LIMIT]
    )
    if not waiting:
        return None
    return hooks.Panel(
        template="awards/panels/endorsements.html", context={"endorsements": waiting}, order=32
    )


def _waiting_counts() -> dict[str, int]:
    return Application.objects.aggregate(
        submitted=Count("pk", filter=Q(status=Application.Status.SUBMITTED)),
        in_review=Count("pk", filter=Q(status=Application.Status.IN_REVIEW)),
        more_evidence=Count("pk", filter=Q(status=Application.Status.MORE_EVIDENCE)),
    )


@hooks.register("dashboard_panels")
def staff_panel(request):
    if not is_national_staff(request.user):
        return None
    counts = cached_figures(selectors.APPLICATIONS_TOPIC, "waiting", _waiting_counts)
    return hooks.Panel(template="awards/panels/staff.html", context={"counts": counts}, order=33)


@hooks.register("staff_invitation_accepted")
def assessor_profile_from_invitation(invitation, user) -> None:
    """An invited assessor's lived-experience flag is kept where panels read it."""
    from awards import services
    from sanctuary.models import Role

    if invitation.role == Role.ASSESSOR:
        services.assessor_profile_set(
            user=user, lived_experience=invitation.lived_experience, actor=invitation.invited_by
        )


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from awards.models import Stream
    from sanctuary.sitemaps import NamedPages, SiteSitemap

    class StreamPages(SiteSitemap):
        """Each published stream's page, with its current award holders."""

        changefreq = "weekly"

        def items(self):
            return Stream.objects.filter(is_published=True).order_by("pk").only("slug")

        def location(self, stream):
            return reverse("awards:stream", args=[stream.slug])

    return {"awards": NamedPages(["awards:index"]), "award_streams": StreamPages()}


@hooks.register("feeds")
def feeds() -> dict:
    from awards.feeds import AwardHolders

    return {"awards": AwardHolders()}


@hooks.register("open_data")
def open_data() -> list:
    from awards.opendata import holders

    return [holders()]


@hooks.register("api_endpoints")
def api_endpoints() -> list:
    from awards.api import holders

    return [holders()]


@hooks.register("logos")
def logos():
    from awards.logos import static_logos

    return static_logos()
