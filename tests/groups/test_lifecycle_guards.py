"""Every action on an application to start a group, a charter signature and an organisation's
pledge, from every state, by every role.

States and actions come from ``groups.workflow``: a new one without a row here fails
``test_every_state_and_action_has_a_row``. Each action is tried through its service (the one
guard), then through its page as each role, in a savepoint rolled back after each try.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from groups import services
from groups.models import CharterSignature, GroupApplication, OrganisationPledge
from groups.workflow import CONFIRMED, GROUP_APPLICATION, PLEDGE, SIGNATURE, UNCONFIRMED
from sanctuary.errors import Refused
from tests.factories import GroupFactory, UserFactory, make_lead
from tests.groups.factories import PledgeFactory, SignatureFactory

pytestmark = pytest.mark.django_db

# --- an application to start a group ----------------------------------------------------------

A = GroupApplication.Status


def _pending(staff) -> GroupApplication:
    return services.group_application_submit(
        applicant=UserFactory(),
        name="Testville City of Sanctuary",
        area_served="Testville",
        nation="england",
        region="north_west",
        why="Welcome",
        who_involved="Friends",
    )


def _approved(staff) -> GroupApplication:
    application = _pending(staff)
    services.group_application_approve(application=application, actor=staff)
    return GroupApplication.objects.get(pk=application.pk)


def _declined(staff) -> GroupApplication:
    return services.group_application_decline(application=_pending(staff), actor=staff, reason="Not yet")


APPLICATION_STATES: dict[str, Callable] = {A.PENDING: _pending, A.APPROVED: _approved, A.DECLINED: _declined}
APPLICATION_ACTIONS: dict[str, Callable] = {
    "approve": lambda a, staff: services.group_application_approve(application=a, actor=staff),
    "decline": lambda a, staff: services.group_application_decline(application=a, actor=staff, reason="No"),
}

# --- a charter signature -----------------------------------------------------------------------

SIGNATURE_STATES: dict[str, Callable[[], CharterSignature]] = {
    UNCONFIRMED: lambda: SignatureFactory(confirmed_at=None, name="First name"),
    CONFIRMED: lambda: SignatureFactory(name="First name"),
}


def _sign_again(signature: CharterSignature) -> None:
    services.signature_create(
        name="Second name",
        email=signature.email,
        place="Testville",
        consent_group_contact=False,
        consent_public_name=False,
    )


def _purge(signature: CharterSignature) -> None:
    CharterSignature.objects.filter(pk=signature.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    services.signatures_purge_unconfirmed()


SIGNATURE_ACTIONS: dict[str, Callable[[CharterSignature], None]] = {
    "confirm": lambda s: services.signature_confirm(token=services.confirmation_token(s)),
    "sign_again": _sign_again,
    "purge": _purge,
}

# --- an organisation's pledge ------------------------------------------------------------------

P = OrganisationPledge.Status


def _pledge(status: str | None = None) -> Callable:
    def build(staff) -> OrganisationPledge:
        group = GroupFactory()
        make_lead(group)
        pledge = PledgeFactory(organisation__group=group)
        if status is not None:
            services.organisation_pledge_decide(
                pledge=pledge, actor=staff, approve=status == P.APPROVED, reason="Thank you"
            )
        return OrganisationPledge.objects.get(pk=pledge.pk)

    return build


PLEDGE_STATES: dict[str, Callable] = {
    P.PENDING: _pledge(),
    P.APPROVED: _pledge(P.APPROVED),
    P.DECLINED: _pledge(P.DECLINED),
}
PLEDGE_ACTIONS: dict[str, Callable] = {
    "approve": lambda p, who: services.organisation_pledge_decide(pledge=p, actor=who, approve=True),
    "decline": lambda p, who: services.organisation_pledge_decide(
        pledge=p, actor=who, approve=False, reason="No"
    ),
}


def test_every_state_and_action_has_a_row():
    assert set(APPLICATION_STATES) == set(GROUP_APPLICATION.states)
    assert set(APPLICATION_ACTIONS) == set(GROUP_APPLICATION.actions)
    assert set(SIGNATURE_STATES) == set(SIGNATURE.states)
    assert set(SIGNATURE_ACTIONS) == set(SIGNATURE.actions)
    assert set(PLEDGE_STATES) == set(PLEDGE.states)
    assert set(PLEDGE_ACTIONS) == set(PLEDGE.actions)


# --- services ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(APPLICATION_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(APPLICATION_ACTIONS), ids=str)
def test_each_application_service_allows_or_refuses_each_state(state, action, national_staff):
    application = APPLICATION_STATES[state](national_staff)
    assert GROUP_APPLICATION.state_of(application) == state
    transition = GROUP_APPLICATION.transitions[action]
    if state in transition.sources:
        APPLICATION_ACTIONS[action](application, national_staff)
        application.refresh_from_db()
        assert application.status == transition.target
    else:
        with pytest.raises(Refused) as refused:
            APPLICATION_ACTIONS[action](application, national_staff)
        assert refused.value.text == str(transition.refusal)
        application.refresh_from_db()
        assert application.status == state


@pytest.mark.parametrize("state", sorted(SIGNATURE_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(SIGNATURE_ACTIONS), ids=str)
def test_each_signature_service_allows_or_refuses_each_state(state, action):
    signature = SIGNATURE_STATES[state]()
    assert SIGNATURE.state_of(signature) == state
    allowed = SIGNATURE.allowed(signature, action)
    if action == "confirm" and not allowed:
        with pytest.raises(Refused) as refused:
            SIGNATURE_ACTIONS[action](signature)
        assert refused.value.text == str(SIGNATURE.transitions[action].refusal)
    else:
        # Signing again and the purge never raise: a confirmed signature is simply left alone,
        # and the person signing sees the same page either way.
        SIGNATURE_ACTIONS[action](signature)
    after = CharterSignature.objects.filter(pk=signature.pk).first()
    if action == "purge":
        assert (after is None) == allowed
    elif action == "sign_again":
        assert after.name == ("Second name" if allowed else "First name")
        assert SIGNATURE.state_of(after) == state
    else:
        assert SIGNATURE.state_of(after) == CONFIRMED


@pytest.mark.parametrize("state", sorted(PLEDGE_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(PLEDGE_ACTIONS), ids=str)
def test_each_pledge_service_allows_or_refuses_each_state(state, action, national_staff):
    pledge = PLEDGE_STATES[state](national_staff)
    transition = PLEDGE.transitions[action]
    if state in transition.sources:
        PLEDGE_ACTIONS[action](pledge, national_staff)
        pledge.refresh_from_db()
        assert pledge.status == transition.target
    else:
        with pytest.raises(Refused) as refused:
            PLEDGE_ACTIONS[action](pledge, national_staff)
        assert refused.value.text == str(transition.refusal)
        pledge.refresh_from_db()
        assert pledge.status == state


# --- pages ---------------------------------------------------------------------------------------


def _tried(client, url, data, read_status):
    """POST in a savepoint rolled back afterwards: the response and the state it left."""
    with transaction.atomic():
        response = client.post(url, data)
        status = read_status()
        transaction.set_rollback(True)
    return response, status


def _assert_outcome(where, response, status, *, role, allowed_roles, lifecycle, record, action, state):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
    elif role not in allowed_roles:
        assert response.status_code == 404, where
        assert status == state, where
    elif lifecycle.allowed(record, action):
        assert response.status_code == 302, where
        assert status == lifecycle.transitions[action].target, where
    else:
        assert response.status_code == 409, where
        assert escape(str(lifecycle.transitions[action].refusal)) in response.content.decode(), where
        assert status == state, where


@pytest.mark.parametrize("state", sorted(APPLICATION_STATES), ids=str)
def test_each_application_page_by_state_action_and_role(state, client_for, client, national_staff):
    application = APPLICATION_STATES[state](national_staff)
    people = {"staff": national_staff, "applicant": application.applicant, "lead": make_lead(GroupFactory())}
    url = reverse("groups:application_decide", args=[application.pk])
    page = client_for(national_staff).get(url).content.decode()
    offered = 'name="decision"' in page
    assert offered == (
        GROUP_APPLICATION.allowed(application, "approve") or GROUP_APPLICATION.allowed(application, "decline")
    )
    for action in APPLICATION_ACTIONS:
        for role in ("staff", "applicant", "lead", "anonymous"):
            response, status = _tried(
                client if role == "anonymous" else client_for(people[role]),
                url,
                {"decision": action, "reason": "Not yet"},
                lambda: GroupApplication.objects.get(pk=application.pk).status,
            )
            _assert_outcome(
                (state, action, role, response.status_code),
                response,
                status,
                role=role,
                allowed_roles={"staff"},
                lifecycle=GROUP_APPLICATION,
                record=application,
                action=action,
                state=state,
            )


@pytest.mark.parametrize("state", sorted(PLEDGE_STATES), ids=str)
def test_each_pledge_page_by_state_action_and_role(state, client_for, client, national_staff):
    pledge = PLEDGE_STATES[state](national_staff)
    group = pledge.organisation.group
    other_group = GroupFactory()
    people = {
        "staff": national_staff,
        "lead": group.memberships.get().user,
        "other_lead": make_lead(other_group),
        "contact": UserFactory(),
    }
    pages = {
        "staff": reverse("charter:pledge_decide", args=[pledge.pk]),
        "lead": reverse("groups:pledge_decide", args=[group.slug, pledge.pk]),
        "other_lead": reverse("groups:pledge_decide", args=[other_group.slug, pledge.pk]),
        "contact": reverse("charter:pledge_decide", args=[pledge.pk]),
        "anonymous": reverse("groups:pledge_decide", args=[group.slug, pledge.pk]),
    }
    for role in ("staff", "lead"):
        page = client_for(people[role]).get(pages[role]).content.decode()
        assert ('name="decision"' in page) == PLEDGE.allowed(pledge, "approve"), (state, role)
    for action in PLEDGE_ACTIONS:
        for role, url in pages.items():
            response, status = _tried(
                client if role == "anonymous" else client_for(people[role]),
                url,
                {"decision": action, "reason": "Not for us"},
                lambda: OrganisationPledge.objects.get(pk=pledge.pk).status,
            )
            _assert_outcome(
                (state, action, role, response.status_code),
                response,
                status,
                role=role,
                allowed_roles={"staff", "lead"},
                lifecycle=PLEDGE,
                record=pledge,
                action=action,
                state=state,
            )


@pytest.mark.parametrize("state", sorted(SIGNATURE_STATES), ids=str)
def test_the_confirmation_page_by_state(state, client):
    signature = SIGNATURE_STATES[state]()
    response = client.post(reverse("charter:confirm", args=[services.confirmation_token(signature)]))
    signature.refresh_from_db()
    if state == UNCONFIRMED:
        assert response.status_code == 302 and signature.is_confirmed
    else:
        # A used link is a link problem, shown as the others are.
        assert response.status_code == 400
        assert escape(str(SIGNATURE.transitions["confirm"].refusal)) in response.content.decode()


@pytest.mark.parametrize("state", sorted(SIGNATURE_STATES), ids=str)
def test_signing_again_answers_the_same_page_in_every_state(state, client):
    signature = SIGNATURE_STATES[state]()
    response = client.post(
        reverse("charter:sign"),
        {"name": "Second name", "email": signature.email, "place": "Testville", "agree": "on"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("charter:thanks")
    signature.refresh_from_db()
    assert signature.name == ("Second name" if SIGNATURE.allowed(signature, "sign_again") else "First name")
