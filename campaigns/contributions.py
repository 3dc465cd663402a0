"""What campaigns contributes to pages owned by others (see ``sanctuary.hooks``).

Each provider runs a fixed number of queries; the public counts come from the figures cache.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Action, ProgressStep, ProgressTick
from campaigns.selectors import FIGURES_TOPIC, led_groups
from sanctuary import hooks
from sanctuary.figures_cache import cached_figures
from sanctuary.permissions import is_signed_in
from sanctuary.unsubscribe import Topic


@hooks.register("home_figures")
def home_figures() -> list:
    # One count over every action: cached until an action is logged or deleted.
    total = cached_figures(FIGURES_TOPIC, "total", Action.objects.count)
    return [(_("campaign actions logged"), total, reverse("campaigns:index"))]


@hooks.register("group_figures")
def group_figures(group) -> list:
    total = cached_figures(FIGURES_TOPIC, f"group:{group.pk}", Action.objects.filter(group=group).count)
    return [(_("campaign actions logged for the group"), total)]


@hooks.register("dashboard_panels")
def dashboard_panel(request):
    """A person's own actions and progress: four queries, however many actions they logged."""
    user = request.user
    if not is_signed_in(user):
        return None
    mine = Action.objects.filter(user=user)
    # One pass over the person's actions gives both the total and the steps they completed.
    by_step = dict(mine.values_list("action_type__progress_step").annotate(n=Count("id")).order_by())
    recent = list(mine.select_related("campaign", "action_type").order_by("-done_on", "-pk")[:3])
    ticked = set(ProgressTick.objects.filter(user=user).values_list("step", flat=True))
    done = len(ticked | {step for step in by_step if step})
    groups = list(led_groups(user).order_by("name").values("name", "slug"))
    return hooks.Panel(
        template="campaigns/panels/dashboard.html",
        context={
            "total": sum(by_step.values()),
            "recent": recent,
            "done": done,
            "steps": len(ProgressStep.values),
            "groups": groups,
        },
        order=40,
    )


@hooks.register("email_topics")
def email_topics() -> list:
    from campaigns import services

    def stop(*, user, request=None) -> None:
        services.preference_set(user=user, follow_up_emails=False, request=request)

    return [Topic(services.FOLLOW_UP_TOPIC, _("“how did it go?” emails about your campaign actions"), stop)]


@hooks.register("feeds")
def feeds() -> dict:
    from campaigns.feeds import PublicActions

    return {"actions": PublicActions()}
