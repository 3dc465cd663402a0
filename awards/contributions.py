"""What the awards add to pages owned by others. Each provider runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from awards import selectors
from awards.models import Application, Award, Endorsement, PanelMember
from groups.models import OrganisationContact
from sanctuary import hooks
from sanctuary.permissions import is_national_staff, is_signed_in

LIMIT = 10


@hooks.register("group_sections")
def group_award_holders(group):
    holders = list(
        Award.objects.current()
        .filter(organisation__group=group)
        .select_related("organisation", "stream")
        .order_by("organisation__name")[:50]
    )
    if not holders:
        return None
    return hooks.Panel(template="awards/panels/group_holders.html", context={"holders": holders}, order=40)


@hooks.register("group_figures")
def group_figures(group):
    count = (
        Award.objects.current()
        .filter(Q(organisation__group=group) | Q(application__group=group))
        .distinct()
        .count()
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
    return [(_("Sanctuary Award holders"), Award.objects.current().count(), reverse("awards:index"))]


@hooks.register("dashboard_panels")
def applicant_panel(request):
    user = request.user
    if not is_signed_in(user):
        return None
    applications = list(
        selectors.applications_visible_to(user)
        .filter(organisation__contacts__user=user)
        .order_by("-created_at")[:LIMIT]
    )
    if not applications:
        return None
    return hooks.Panel(
        template="awards/panels/my_applications.html", context={"applications": applications}, order=30
    )


@hooks.register("dashboard_panels")
def reviewer_panel(request):
    user = request.user
    if not is_signed_in(user):
        return None
    seats = list(
        selectors.panels_for(user)
        .filter(application__status__in=(Application.Status.SUBMITTED, Application.Status.IN_REVIEW))
        .exclude(conflict=PanelMember.Conflict.DECLARED)
        .order_by("application__review_due_on", "pk")[:LIMIT]
    )
    if not seats:
        return None
    return hooks.Panel(template="awards/panels/my_reviews.html", context={"seats": seats}, order=31)


@hooks.register("dashboard_panels")
def endorsement_panel(request):
    user = request.user
    if not is_signed_in(user):
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


@hooks.register("dashboard_panels")
def staff_panel(request):
    if not is_national_staff(request.user):
        return None
    counts = Application.objects.aggregate(
        submitted=Count("pk", filter=Q(status=Application.Status.SUBMITTED)),
        in_review=Count("pk", filter=Q(status=Application.Status.IN_REVIEW)),
        more_evidence=Count("pk", filter=Q(status=Application.Status.MORE_EVIDENCE)),
    )
    return hooks.Panel(template="awards/panels/staff.html", context={"counts": counts}, order=33)
