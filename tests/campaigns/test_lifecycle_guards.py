"""Every action on a campaign, on an action logged for it and on a step of a person's progress
checklist, from every state, by every role.

States and actions come from ``campaigns.workflow``: a new one without a row here fails
``test_every_state_and_action_has_a_row``. Each action is tried through its service (the one
guard), then through its page as each role, in a savepoint rolled back after each try.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from campaigns import services, tokens
from campaigns.models import Action, Campaign, PledgeSignature, ProgressTick
from campaigns.selectors import progress_steps
from campaigns.workflow import (
    ACTION,
    CAMPAIGN,
    CAMPAIGN_CLOSED,
    DONE_BY_ACTIONS,
    LOGGED,
    PROGRESS_STEP,
    TICKED,
    TO_DO,
)
from sanctuary.errors import Refused
from tests.campaigns.factories import MP_DETAILS, ActionFactory, CampaignFactory, action_type
from tests.campaigns.test_actions import mp_letter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
C = Campaign.Status

# --- a campaign --------------------------------------------------------------------------------

CAMPAIGN_STATES: dict[str, Callable[[], Campaign]] = {
    status: (lambda status=status: CampaignFactory(status=status, pledge_statement="We stand for welcome."))
    for status in C.values
}
CAMPAIGN_ACTIONS: dict[str, Callable] = {
    "log_action": lambda campaign, who: services.action_log(
        campaign=campaign,
        action_type=action_type("write-to-mp"),
        user=who,
        done_on=timezone.localdate(),
        region="north_west",
        details=dict(MP_DETAILS),
    ),
    "sign_pledge": lambda campaign, who: services.pledge_sign(
        campaign=campaign, name="Ada", email="ada@example.org"
    ),
}
CAMPAIGN_RECORDS = {"log_action": Action, "sign_pledge": PledgeSignature}

# --- a logged action ---------------------------------------------------------------------------

ACTION_STATES: dict[str, Callable[[], Action]] = {
    LOGGED: lambda: ActionFactory(campaign=CampaignFactory(status=C.OPEN), place="Riverton"),
    CAMPAIGN_CLOSED: lambda: ActionFactory(campaign=CampaignFactory(status=C.CLOSED), place="Riverton"),
}
ACTION_ACTIONS: dict[str, Callable] = {
    "edit": lambda action, who: services.action_update(
        action=action, actor=who, done_on=action.done_on, region="london", details=action.details, place="N1"
    ),
    "delete": lambda action, who: services.action_delete(action=action, actor=who),
    "record_outcome": lambda action, who: services.action_outcome_record(
        action=action, outcome={"reply": "yes"}, actor=who
    ),
}


def _action_done(action_name: str, pk: int) -> bool:
    """Whether ``action_name`` took effect on the action ``pk``."""
    action = Action.objects.filter(pk=pk).first()
    return {
        "edit": lambda: action is not None and action.place == "N1",
        "delete": lambda: action is None,
        "record_outcome": lambda: action is not None and action.outcome == {"reply": "yes"},
    }[action_name]()


# --- a progress step ---------------------------------------------------------------------------

STEP = "write_to_mp"


def _step_in(state: str):
    user = UserFactory()
    if state == TICKED:
        ProgressTick.objects.create(user=user, step=STEP)
    if state == DONE_BY_ACTIONS:
        ActionFactory(user=user)
    return user


STEP_STATES = {state: (lambda state=state: _step_in(state)) for state in (TO_DO, TICKED, DONE_BY_ACTIONS)}
STEP_ACTIONS = {
    "tick": lambda user: services.progress_tick(user=user, step=STEP, ticked=True),
    "untick": lambda user: services.progress_tick(user=user, step=STEP, ticked=False),
}


def _step(user):
    (step,) = progress_steps(user, only=STEP)
    return step


def test_every_state_and_action_has_a_row():
    assert set(CAMPAIGN_STATES) == set(CAMPAIGN.states)
    assert set(CAMPAIGN_ACTIONS) == set(CAMPAIGN.actions)
    assert set(ACTION_STATES) == set(ACTION.states)
    assert set(ACTION_ACTIONS) == set(ACTION.actions)
    assert set(STEP_STATES) == set(PROGRESS_STEP.states)
    assert set(STEP_ACTIONS) == set(PROGRESS_STEP.actions)


# --- services ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(CAMPAIGN_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(CAMPAIGN_ACTIONS), ids=str)
def test_each_campaign_service_allows_or_refuses_each_state(state, action):
    campaign = CAMPAIGN_STATES[state]()
    record = CAMPAIGN_RECORDS[action]
    if CAMPAIGN.allowed(campaign, action):
        CAMPAIGN_ACTIONS[action](campaign, UserFactory())
        assert record.objects.count() == 1
    else:
        with pytest.raises(Refused) as refused:
            CAMPAIGN_ACTIONS[action](campaign, UserFactory())
        assert refused.value.text == str(CAMPAIGN.transitions[action].refusal)
        assert record.objects.count() == 0


@pytest.mark.parametrize("state", sorted(ACTION_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(ACTION_ACTIONS), ids=str)
def test_each_action_service_allows_or_refuses_each_state(state, action):
    logged = ACTION_STATES[state]()
    assert ACTION.state_of(logged) == state
    if ACTION.allowed(logged, action):
        ACTION_ACTIONS[action](logged, logged.user)
        assert _action_done(action, logged.pk)
    else:
        with pytest.raises(Refused) as refused:
            ACTION_ACTIONS[action](logged, logged.user)
        assert refused.value.text == str(ACTION.transitions[action].refusal)
        assert not _action_done(action, logged.pk)


@pytest.mark.parametrize("state", sorted(STEP_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(STEP_ACTIONS), ids=str)
def test_each_progress_service_allows_or_refuses_each_state(state, action):
    user = STEP_STATES[state]()
    assert PROGRESS_STEP.state_of(_step(user)) == state
    if PROGRESS_STEP.allowed(_step(user), action):
        STEP_ACTIONS[action](user)
        assert _step(user).ticked == (action == "tick")
    else:
        with pytest.raises(Refused) as refused:
            STEP_ACTIONS[action](user)
        assert refused.value.text == str(PROGRESS_STEP.transitions[action].refusal)
        assert PROGRESS_STEP.state_of(_step(user)) == state


# --- pages ---------------------------------------------------------------------------------------


def _tried(client, url, data, effect):
    with transaction.atomic():
        response = client.post(url, data)
        done = effect()
        transaction.set_rollback(True)
    return response, done


def _refused(where, response, message) -> None:
    assert response.status_code == 409, where
    assert escape(str(message)) in response.content.decode(), where


@pytest.mark.parametrize("state", sorted(CAMPAIGN_STATES), ids=str)
def test_each_campaign_page_by_state_action_and_role(state, client_for, client, national_staff):
    campaign = CAMPAIGN_STATES[state]()
    people = {"supporter": UserFactory(), "staff": national_staff}
    pages = {
        "log_action": (reverse("campaigns:act", args=[campaign.slug]), mp_letter(), {"supporter", "staff"}),
        "sign_pledge": (
            reverse("campaigns:pledge", args=[campaign.slug]),
            {"name": "Ada", "email": "ada@example.org"},
            {"supporter", "staff", "anonymous"},
        ),
    }
    for action, (url, data, who) in pages.items():
        for role in ("supporter", "staff", "anonymous"):
            browser = client if role == "anonymous" else client_for(people[role])
            detail = browser.get(reverse("campaigns:detail", args=[campaign.slug]))
            response, done = _tried(
                browser, url, data, lambda action=action: CAMPAIGN_RECORDS[action].objects.exists()
            )
            where = (state, action, role, response.status_code)
            if role not in who:
                assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
            elif state == C.DRAFT and role != "staff":
                assert response.status_code == 404 and detail.status_code == 404, where  # drafts are hidden
            elif CAMPAIGN.allowed(campaign, action):
                assert response.status_code in (200, 302) and done, where
            else:
                _refused(where, response, CAMPAIGN.transitions[action].refusal)
            assert done == (
                role in who
                and CAMPAIGN.allowed(campaign, action)
                and not (state == C.DRAFT and role != "staff")
            ), where
            if action == "log_action" and detail.status_code == 200:
                assert (url in detail.content.decode()) == CAMPAIGN.allowed(campaign, action), where


@pytest.mark.parametrize("state", sorted(ACTION_STATES), ids=str)
def test_each_action_page_by_state_action_and_role(state, client_for, client, national_staff):
    logged = ACTION_STATES[state]()
    people = {"author": logged.user, "other_supporter": UserFactory(), "staff": national_staff}
    pages = {
        "edit": (
            reverse("campaigns:action_edit", args=[logged.pk]),
            mp_letter(region="london", place="N1"),
            {"author", "staff"},
        ),
        "delete": (
            reverse("campaigns:action_delete", args=[logged.pk]),
            {"confirmed": "yes"},
            {"author", "staff"},
        ),
        "record_outcome": (
            reverse("campaigns:outcome", args=[tokens.outcome_token(logged)]),
            {"outcome_reply": "yes"},
            {"author"},
        ),
    }
    mine = client_for(logged.user).get(reverse("campaigns:mine")).content.decode()
    for action, (url, data, who) in pages.items():
        if action != "record_outcome":
            assert (url in mine) == ACTION.allowed(logged, action), (state, action)
        for role in ("author", "other_supporter", "staff", "anonymous"):
            browser = client if role == "anonymous" else client_for(people[role])
            response, done = _tried(browser, url, data, lambda action=action: _action_done(action, logged.pk))
            where = (state, action, role, response.status_code)
            if role == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
            elif role not in who:
                assert response.status_code == 404, where
            elif ACTION.allowed(logged, action):
                assert response.status_code == 302, where
            else:
                _refused(where, response, ACTION.transitions[action].refusal)
            assert done == (role in who and ACTION.allowed(logged, action)), where


@pytest.mark.parametrize("state", sorted(STEP_STATES), ids=str)
def test_the_progress_page_by_state_and_action(state, client_for):
    user = STEP_STATES[state]()
    client = client_for(user)
    page = client.get(reverse("campaigns:progress")).content.decode()
    row = page[page.index("Write to your MP") : page.index("Contact your local media")]
    step = _step(user)
    assert ("Tick as done" in row) == (PROGRESS_STEP.allowed(step, "tick") and not step.ticked)
    assert ("Untick" in row) == (PROGRESS_STEP.allowed(step, "untick") and step.ticked)
    for action in STEP_ACTIONS:
        data = {"step": STEP, **({"ticked": "on"} if action == "tick" else {})}
        response, ticked = _tried(
            client,
            reverse("campaigns:progress"),
            data,
            lambda: ProgressTick.objects.filter(user=user).exists(),
        )
        where = (state, action, response.status_code)
        if PROGRESS_STEP.allowed(step, action):
            assert response.status_code == 302 and ticked == (action == "tick"), where
        else:
            _refused(where, response, PROGRESS_STEP.transitions[action].refusal)
            assert ticked == step.ticked, where
