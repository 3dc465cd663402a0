"""What campaigns contributes to pages owned by others (see ``sanctuary.hooks``).

Each provider runs a fixed number of queries.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Action, ProgressStep, ProgressTick
from campaigns.selectors import led_groups
from sanctuary import hooks
from sanctuary.permissions import is_signed_in


@hooks.register("home_figures")
def home_figures() -> list:
    return [(_("campaign actions logged"), Action.objects.count(), reverse("campaigns:index"))]


@hooks.register("group_figures")
def group_figures(group) -> list:
    return [(_("campaign actions logged for the group"), Action.objects.filter(group=group).count())]


@hooks.register("dashboard_panels")
def dashboard_panel(request):
    user = request.user
    if not is_signed_in(user):
        return None
    mine = Action.objects.filter(user=user)
    summary = mine.aggregate(total=Count("id"))
    recent = list(mine.select_related("campaign", "action_type").order_by("-done_on", "-pk")[:3])
    ticked = set(ProgressTick.objects.filter(user=user).values_list("step", flat=True))
    from_actions = set(
        mine.exclude(action_type__progress_step="")
        .values_list("action_type__progress_step", flat=True)
        .order_by()
        .distinct()
    )
    done = len(ticked | from_actions)
    groups = list(led_groups(user).order_by("name").values("name", "slug"))
    return hooks.Panel(
        template="campaigns/panels/dashboard.html",
        context={
            "total": summary["total"],
            "recent": recent,
            "done": done,
            "steps": len(ProgressStep.values),
            "groups": groups,
        },
        order=40,
    )
