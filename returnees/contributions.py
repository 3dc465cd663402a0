"""What returnees adds to pages owned by others (registered from AppConfig.ready)."""

from __future__ import annotations

from django.utils import timezone

from returnees import selectors, services
from sanctuary import hooks
from sanctuary.permissions import is_coordinator, is_guardian


@hooks.register("dashboard_panels")
def open_escalations_panel(request):
    """Open escalations and due check-ins on the dashboard of the circle and coordinators."""
    user = request.user
    if not (is_coordinator(user) or is_guardian(user)):
        return None
    escalations, escalation_count = selectors.open_escalations_summary(user)
    due = selectors.due_cases_for(user, now=timezone.now()).count()
    return hooks.Panel(
        template="returnees/panels/dashboard.html",
        context={"escalations": escalations, "escalation_count": escalation_count, "due_count": due},
        order=10,
    )


@hooks.register("key_rotation")
def rotate_documents() -> int:
    return services.documents_rotate_keys()
