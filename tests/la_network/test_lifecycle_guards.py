"""Every action on a network application and a membership, from every state, by every role.

States and actions come from ``la_network.workflow``: a new one without a row here fails
``test_every_state_and_action_has_a_row``. Each action is tried through its service (the one
guard) and through its page, as each role, in a savepoint rolled back after each try.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from la_network import services
from la_network.models import Application, Membership, Requirement
from la_network.workflow import APPLICATION, ENDED, MEMBERSHIP, RENEWAL_DUE, UPCOMING
from sanctuary.errors import Refused
from tests.factories import make_lead
from tests.la_network.factories import (
    CouncilContactFactory,
    complete_application,
    make_membership,
    verify_all,
)

pytestmark = pytest.mark.django_db
S = Application.Status


def _draft(staff):
    return complete_application()


def _submitted(staff):
    application = complete_application()
    return services.application_submit(application=application, actor=application.created_by)


def _in_review(staff):
    return services.review_start(application=_submitted(staff), actor=staff)


def _changes_requested(staff):
    return services.application_request_changes(application=_submitted(staff), actor=staff, note="Fix it")


def _approved(staff):
    application = verify_all(_submitted(staff), staff)
    services.application_approve(application=application, actor=staff)
    return Application.objects.get(pk=application.pk)


def _declined(staff):
    return services.application_decline(application=_submitted(staff), actor=staff, reason="Not yet")


APPLICATION_STATES: dict[str, Callable] = {
    S.DRAFT: _draft,
    S.SUBMITTED: _submitted,
    S.IN_REVIEW: _in_review,
    S.CHANGES_REQUESTED: _changes_requested,
    S.APPROVED: _approved,
    S.DECLINED: _declined,
}


def _lead(application):
    return application.endorsements.get().group.memberships.get(role="lead").user


# The council's own contact, and national staff supporting them, fill in and send an application.
COUNCIL = {"council", "staff"}
# action -> (service call, the roles whose page carries it out)
APPLICATION_ACTIONS: dict[str, tuple[Callable, str]] = {
    "edit": (
        lambda a, staff: services.application_section_save(
            application=a, section="motion", values={"motion_title": "Renamed"}, actor=a.created_by
        ),
        COUNCIL,
    ),
    "submit": (lambda a, staff: services.application_submit(application=a, actor=a.created_by), COUNCIL),
    "answer_endorsement": (
        lambda a, staff: services.endorsement_decide(
            endorsement=a.endorsements.get(), actor=_lead(a), endorse=True, statement="Yes"
        ),
        {"lead"},
    ),
    "waive_endorsement": (
        lambda a, staff: services.endorsement_waive(application=a, actor=staff, reason="No group"),
        {"staff"},
    ),
    "review": (lambda a, staff: services.review_start(application=a, actor=staff), {"staff"}),
    "request_changes": (
        lambda a, staff: services.application_request_changes(application=a, actor=staff, note="Fix"),
        {"staff"},
    ),
    "decline": (
        lambda a, staff: services.application_decline(application=a, actor=staff, reason="No"),
        {"staff"},
    ),
    "approve": (
        lambda a, staff: (
            services.application_approve(application=verify_all(a, staff), actor=staff)
            if APPLICATION.allowed(a, "review")
            else services.application_approve(application=a, actor=staff)
        ),
        {"staff"},
    ),
}


def test_every_state_and_action_has_a_row():
    assert set(APPLICATION_STATES) == set(APPLICATION.states)
    assert set(APPLICATION_ACTIONS) == set(APPLICATION.actions)
    assert set(MEMBERSHIP_STATES) == set(MEMBERSHIP.states)
    assert set(MEMBERSHIP_ACTIONS) == set(MEMBERSHIP.actions)


@pytest.mark.parametrize("state", sorted(APPLICATION_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(APPLICATION_ACTIONS), ids=str)
def test_each_application_service_allows_or_refuses_each_state(state, action, national_staff):
    application = APPLICATION_STATES[state](national_staff)
    assert application.status == state
    call, _who = APPLICATION_ACTIONS[action]
    transition = APPLICATION.transitions[action]
    if state in transition.sources:
        call(application, national_staff)
        application.refresh_from_db()
        assert application.status == (transition.target or state)
    else:
        with pytest.raises(Refused) as refused:
            call(application, national_staff)
        assert refused.value.text == str(transition.refusal)
        application.refresh_from_db()
        assert application.status == state


def _post(action: str, application) -> tuple[str, dict]:
    """The page that carries out ``action`` and what a person would post there."""
    if action == "edit":
        values = {"motion_title": "Renamed", "motion_passed_on": "2026-01-05"}
        values["motion_minutes_url"] = "https://example.org/minutes"
        return reverse("la_network:application_section", args=[application.pk, "motion"]), values
    if action == "submit":
        return reverse("la_network:application_check", args=[application.pk]), {}
    if action == "answer_endorsement":
        endorsement = application.endorsements.get()
        return reverse("la_network:endorsement", args=[endorsement.pk]), {
            "decision": "endorse",
            "statement": "Yes",
        }
    url = reverse("la_network:review_decide", args=[application.pk])
    ticks = {f"{key}_verified": "on" for key in Requirement.values}
    return url, {
        "waive_endorsement": {"waiver_reason": "No local group here.", "intent": "save"},
        "review": {**ticks, "intent": "save"},
        "request_changes": {**ticks, "action": "changes", "reason": "Fix it", "intent": "decide"},
        "decline": {**ticks, "action": "decline", "reason": "No", "intent": "decide"},
        "approve": {**ticks, "action": "approve", "intent": "decide"},
    }[action]


ROLES = ("council", "other_council", "lead", "other_lead", "staff", "anonymous")


@pytest.mark.parametrize("state", sorted(APPLICATION_STATES), ids=str)
def test_each_application_page_by_state_action_and_role(state, client_for, client, national_staff):
    application = APPLICATION_STATES[state](national_staff)
    people = {
        "council": application.created_by,
        "other_council": CouncilContactFactory().user,
        "lead": _lead(application),
        "other_lead": make_lead(),
        "staff": national_staff,
    }
    for action, (_call, who) in APPLICATION_ACTIONS.items():
        for role in ROLES:
            url, data = _post(action, application)
            with transaction.atomic():
                response = (client if role == "anonymous" else client_for(people[role])).post(url, data)
                status = Application.objects.get(pk=application.pk).status
                transaction.set_rollback(True)
            where = (state, action, role, response.status_code)
            if role == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
            elif role not in who:
                assert response.status_code == 404, where
                assert status == state, where
            elif APPLICATION.allowed(application, action):
                assert response.status_code == 302, where
                assert status == (APPLICATION.transitions[action].target or state), where
            else:
                assert response.status_code in (400, 409), where
                # The review page refuses as a whole what cannot be reviewed any more.
                on_review_page = url == reverse("la_network:review_decide", args=[application.pk])
                gates = {action, "review"} if on_review_page else {action}
                messages = {escape(str(APPLICATION.transitions[gate].refusal)) for gate in gates}
                assert any(message in response.content.decode() for message in messages), where
                assert status == state, where


# --- membership ---------------------------------------------------------------------------------

TODAY = dt.date(2027, 6, 1)


def _term(**kwargs) -> Membership:
    return make_membership(contact=CouncilContactFactory(), **kwargs)


MEMBERSHIP_STATES: dict[str, Callable[[], Membership]] = {
    UPCOMING: lambda: _term(starts_on=TODAY + dt.timedelta(days=30)),
    "current": lambda: _term(starts_on=TODAY - dt.timedelta(days=30)),
    RENEWAL_DUE: lambda: _term(starts_on=TODAY - dt.timedelta(days=3 * 365 - 60)),
    ENDED: lambda: _term(starts_on=TODAY - dt.timedelta(days=3 * 365 + 30)),
    Membership.Status.RENEWED: lambda: _term(
        starts_on=TODAY - dt.timedelta(days=3 * 365 + 30), status=Membership.Status.RENEWED
    ),
    Membership.Status.LAPSED: lambda: _term(
        starts_on=TODAY - dt.timedelta(days=3 * 365 + 30), status=Membership.Status.LAPSED
    ),
}
MEMBERSHIP_ACTIONS = {
    "start_renewal": "la_network:membership_renew",
    "download_documents": "la_network:logo",
    "lapse": None,  # the renewal sweep's, by date (test_renewal.py)
}


@time_machine.travel(dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("state", sorted(MEMBERSHIP_STATES), ids=str)
def test_each_membership_action_by_state_for_the_council(state, client_for):
    membership = MEMBERSHIP_STATES[state]()
    assert MEMBERSHIP.state_of(membership) == state
    client = client_for(membership.application.created_by)
    for action, name in MEMBERSHIP_ACTIONS.items():
        if name is None:
            continue
        url = reverse(name, args=[membership.pk])
        response = client.post(url) if action == "start_renewal" else client.get(url)
        if MEMBERSHIP.allowed(membership, action):
            assert response.status_code in (200, 302), (action, response.status_code)
        else:
            assert response.status_code == 409, (action, response.status_code)
            assert escape(str(MEMBERSHIP.transitions[action].refusal)) in response.content.decode()
    page = client.get(reverse("la_network:apply")).content.decode()
    renew = reverse("la_network:membership_renew", args=[membership.pk])
    assert (renew in page) == (
        MEMBERSHIP.allowed(membership, "start_renewal") and not membership.renewals.exists()
    )


@time_machine.travel(dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC), tick=False)
def test_renewal_opens_once_per_term():
    membership = MEMBERSHIP_STATES[RENEWAL_DUE]()
    first = services.membership_renewal_start(membership=membership, actor=membership.application.created_by)
    again = services.membership_renewal_start(membership=membership, actor=membership.application.created_by)
    assert first == again and Application.objects.filter(renewal_of=membership).count() == 1
