from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import services
from campaigns.contributions import dashboard_panel, group_figures, home_figures
from campaigns.models import ProgressStep, ProgressTick
from sanctuary import hooks
from sanctuary.errors import Refused
from tests.campaigns.factories import ActionFactory, action_type
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


def steps_by_value(response) -> dict:
    return {step.value: step for step in response.context["steps"]}


def test_progress_fills_in_from_logged_actions(client_for, user):
    ActionFactory(user=user)  # an MP letter
    steps = steps_by_value(client_for(user).get(reverse("campaigns:progress")))
    assert steps["write_to_mp"].done is True
    assert steps["write_to_mp"].ticked is False
    assert steps["local_media"].done is False


def test_a_step_done_by_logged_actions_says_by_what_and_offers_no_tick(client_for, user):
    ActionFactory(user=user)
    ActionFactory(user=user)
    page = client_for(user).get(reverse("campaigns:progress"))
    step = steps_by_value(page)["write_to_mp"]
    assert step.done and step.done_by == (("Write to your MP or a candidate", 2),)
    html = page.content.decode()
    assert "Done by the actions you logged: Write to your MP or a candidate (2 logged)" in html
    write_to_mp = html[html.index("Write to your MP") : html.index("Contact your local media")]
    assert "Tick as done" not in write_to_mp and "Untick" not in write_to_mp
    # Every step not done still offers its tick.
    assert html.count("Tick as done") == len(ProgressStep.values) - 1


def test_ticking_a_step_done_by_logged_actions_is_refused(client_for, user):
    ActionFactory(user=user)
    with pytest.raises(Refused) as refused:
        services.progress_tick(user=user, step="write_to_mp", ticked=True)
    assert "already done by the actions you logged" in refused.value.text
    response = client_for(user).post(reverse("campaigns:progress"), {"step": "write_to_mp", "ticked": "on"})
    assert response.status_code == 409
    assert "already done by the actions you logged" in response.content.decode()
    assert not ProgressTick.objects.filter(user=user).exists()


def test_supporter_ticks_and_unticks_a_step(client_for, user):
    client = client_for(user)
    response = client.post(reverse("campaigns:progress"), {"step": "why_i_care", "ticked": "on"})
    assert response.status_code == 302
    assert steps_by_value(client.get(reverse("campaigns:progress")))["why_i_care"].done is True
    client.post(reverse("campaigns:progress"), {"step": "why_i_care"})
    assert not ProgressTick.objects.filter(user=user).exists()


def test_unknown_step_is_refused(client_for, user):
    assert (
        client_for(user).post(reverse("campaigns:progress"), {"step": "nonsense", "ticked": "on"}).status_code
        == 404
    )


def test_progress_is_private_to_each_person(client_for, user):
    other_action = ActionFactory(action_type=action_type("conversation"), details={"with_whom": "friend"})
    steps = steps_by_value(client_for(user).get(reverse("campaigns:progress")))
    assert steps["talk_to_someone"].done is False
    assert other_action.user != user


def test_hooks_are_registered():
    assert home_figures in hooks.providers("home_figures")
    assert group_figures in hooks.providers("group_figures")
    assert dashboard_panel in hooks.providers("dashboard_panels")


def test_group_figures_hook_counts_the_groups_actions(django_assert_num_queries):
    group = GroupFactory()
    ActionFactory(group=group)
    ActionFactory(group=group)
    ActionFactory()
    with django_assert_num_queries(1):
        assert group_figures(group)[0][1] == 2
    with django_assert_num_queries(1):
        assert home_figures()[0][1] == 3


def test_dashboard_panel_shows_my_actions_and_progress(user, django_assert_num_queries):
    ActionFactory(user=user)
    request = RequestFactory().get("/dashboard/")
    request.user = user
    with CaptureQueriesContext(connection) as few:
        dashboard_panel(request)
    for _ in range(5):
        ActionFactory(user=user, action_type=action_type("conversation"), details={"with_whom": "friend"})
    ProgressTick.objects.create(user=user, step="why_i_care")
    with django_assert_num_queries(len(few)):
        panel = dashboard_panel(request)
    assert panel.context["total"] == 6
    assert panel.context["done"] == 3  # MP letter, conversation, and the ticked step
    assert len(panel.context["recent"]) == 3


def test_dashboard_page_includes_the_panel(client_for, user):
    ActionFactory(user=user)
    page = client_for(user).get(reverse("dashboard"))
    assert b"My campaign actions" in page.content


def test_lead_dashboard_panel_links_to_group_figures(client_for):
    from tests.factories import make_lead

    group = GroupFactory()
    lead = make_lead(group)
    page = client_for(lead).get(reverse("dashboard"))
    assert reverse("campaigns:group_figures", args=[group.slug]).encode() in page.content
