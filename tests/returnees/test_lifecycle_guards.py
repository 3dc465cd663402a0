"""Every action on a returnee case, tried from every state, by the people who may and may not.

The states and actions come from ``returnees.workflow``: a state or an action added there
without a row here fails ``test_every_state_and_action_has_a_row``. Services are tried first
(the one guard every view, task and command goes through), then the pages: an action refused
by the state is refused on its page too, and the case page does not offer it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from returnees import services
from returnees.models import Case, Escalation, PlanVersion
from returnees.workflow import ANONYMISED, CASE, ESCALATION
from sanctuary.errors import Refused
from tests.factories import make_staff
from tests.returnees.factories import CaseFactory, guardian_of, monitored_case, reauthenticate
from tests.security.world import PDF

pytestmark = pytest.mark.django_db


def _preparing() -> Case:
    return CaseFactory()


def _monitoring() -> Case:
    return monitored_case()


def _closed() -> Case:
    return services.case_close(actor=None, case=monitored_case(), reason=Case.ClosedReason.SETTLED)


def _anonymised() -> Case:
    case = _closed()
    services.case_anonymise(case_id=case.pk)
    return Case.objects.get(pk=case.pk)


STATES: dict[str, Callable[[], Case]] = {
    Case.Status.PREPARING: _preparing,
    Case.Status.MONITORING: _monitoring,
    Case.Status.CLOSED: _closed,
    ANONYMISED: _anonymised,
}


def _plan(case: Case) -> PlanVersion:
    return PlanVersion.objects.create(case=case, number=1, travel="By air")


def _upload() -> ContentFile:
    upload = ContentFile(PDF, name="letter.pdf")
    upload.original_name = "letter.pdf"
    return upload


# action -> a call of its service as a coordinator. Read actions are checked by their views.
SERVICE_CALLS: dict[str, Callable] = {
    "edit": lambda case, who: services.case_update(actor=who, case=case, data={"risk_reason": "Changed"}),
    "start_monitoring": lambda case, who: services.case_start_monitoring(actor=who, case=case),
    "close": lambda case, who: services.case_close(actor=who, case=case, reason=Case.ClosedReason.SETTLED),
    "withdraw_consent": lambda case, who: services.case_consent_withdraw(actor=who, case=case),
    "anonymise": lambda case, who: services.case_anonymise(case_id=case.pk, actor=who),
    "change_circle": lambda case, who: services.circle_add(
        actor=who, case=case, guardian=make_staff("guardian")
    ),
    "set_schedule": lambda case, who: services.schedule_set(actor=who, case=case, rules=[(0, 7)]),
    "record_checkin": lambda case, who: services.checkin_record(
        actor=who, case=case, occurred_at=timezone.now(), channel="phone", reached=True, wellbeing="safe"
    ),
    "add_contact": lambda case, who: services.contact_add(actor=who, case=case, name="A neighbour"),
    "add_country_note": lambda case, who: services.country_note_add(
        actor=who, case=case, researched_on=timezone.localdate(), notes="Calm"
    ),
    "write_plan": lambda case, who: services.plan_version_create(
        actor=who, case=case, sections={"travel": "Bus"}
    ),
    "record_plan_handover": lambda case, who: services.plan_handover_record(
        actor=who, plan=_plan(case), recipient="circle", given_on=timezone.localdate()
    ),
    "add_document": lambda case, who: services.document_add(
        actor=who, case=case, upload=_upload(), kind="other"
    ),
    "handle_escalation": lambda case, who: services.escalation_acknowledge(
        actor=who,
        escalation=Escalation.objects.create(case=case, reason="overdue", reference_date=dt.date.today()),
    ),
}
# Reads: the page that reads, as the coordinator.
READ_PAGES = {"read_plan": "returnees:plan", "read_documents": "returnees:documents"}


def test_every_state_and_action_has_a_row():
    assert set(STATES) == set(CASE.states)
    assert set(SERVICE_CALLS) | set(READ_PAGES) == set(CASE.actions)


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
@pytest.mark.parametrize("action", sorted(SERVICE_CALLS), ids=str)
def test_each_service_allows_or_refuses_each_state(state, action, coordinator):
    case = STATES[state]()
    assert CASE.state_of(case) == state
    allowed = state in CASE.transitions[action].sources
    if action == "anonymise":  # a sweep's service: it answers whether it did anything
        assert services.case_anonymise(case_id=case.pk, actor=coordinator) is allowed
        return
    if allowed:
        SERVICE_CALLS[action](case, coordinator)
    else:
        with pytest.raises(Refused) as refused:
            SERVICE_CALLS[action](case, coordinator)
        assert refused.value.text == str(CASE.transitions[action].refusal)


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
@pytest.mark.parametrize("action", sorted(READ_PAGES), ids=str)
def test_reading_plans_and_documents_ends_when_the_case_is_anonymised(state, action, client_for, coordinator):
    case = STATES[state]()
    client = client_for(coordinator)
    response = client.get(reverse(READ_PAGES[action], args=[case.reference]))
    if state == ANONYMISED:
        assert response.status_code == 409
        assert str(CASE.transitions[action].refusal) in response.content.decode()
    else:
        assert response.status_code == 200


# Pages that carry out an action (GET shows its form), by role: who reaches them at all.
ACTION_PAGES = {
    "edit": "returnees:case_edit",
    "close": "returnees:case_close",
    "withdraw_consent": "returnees:case_consent_withdraw",
    "change_circle": "returnees:circle",
    "set_schedule": "returnees:schedule",
    "record_checkin": "returnees:checkin_new",
    "add_contact": "returnees:contact_new",
    "add_country_note": "returnees:country_note_new",
    "write_plan": "returnees:plan_new",
}
MANAGERS_ONLY = {"edit", "close", "withdraw_consent", "change_circle", "set_schedule"}


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
@pytest.mark.parametrize("role", ["coordinator", "guardian_of_case", "other_guardian", "national_staff"])
def test_action_pages_by_state_and_role(state, role, client_for):
    case = STATES[state]()
    make_staff("safeguarding_coordinator")
    person = {
        "coordinator": lambda: make_staff("safeguarding_coordinator"),
        "guardian_of_case": lambda: guardian_of(case),
        "other_guardian": lambda: guardian_of(monitored_case()),
        "national_staff": lambda: make_staff("national_staff"),
    }[role]()
    client = client_for(person)
    reauthenticate(client, person)
    detail = client.get(reverse("returnees:case_detail", args=[case.reference]))
    for action, name in ACTION_PAGES.items():
        url = reverse(name, args=[case.reference])
        response = client.get(url)
        sees_case = role in ("coordinator", "guardian_of_case")
        may_act = sees_case and (role == "coordinator" or action not in MANAGERS_ONLY)
        if not may_act:
            assert response.status_code == 404, (action, role, response.status_code)
            continue
        if CASE.allowed(case, action):
            assert response.status_code == 200, (action, response.status_code)
        elif action == "change_circle":  # the circle page also lists the circle: no form, though
            assert response.status_code == 200 and "Add a guardian" not in response.content.decode()
        else:
            assert response.status_code == 409, (action, response.status_code)
            assert str(CASE.transitions[action].refusal) in response.content.decode()
            # ... and the case page does not offer it.
            assert f'href="{url}"' not in detail.content.decode(), action


def test_a_plan_handover_cannot_be_recorded_after_consent_is_withdrawn(client_for, coordinator):
    case = monitored_case()
    guardian = guardian_of(case)
    plan = services.plan_version_create(actor=guardian, case=case, sections={"travel": "By air"})
    services.case_consent_withdraw(actor=coordinator, case=case)
    client = client_for(guardian)
    response = client.post(
        reverse("returnees:plan_handover", args=[case.reference, plan.number]),
        {"recipient": "circle", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 409
    assert not plan.handovers.exists()


def test_an_anonymised_case_links_no_erased_plan_or_document(client_for, coordinator):
    case = monitored_case()
    plan = services.plan_version_create(actor=coordinator, case=case, sections={"travel": "By air"})
    services.case_consent_withdraw(actor=coordinator, case=case)
    client = client_for(coordinator)
    reauthenticate(client, coordinator)
    page = client.get(reverse("returnees:case_detail", args=[case.reference])).content.decode()
    assert reverse("returnees:plan", args=[case.reference]) not in page
    assert reverse("returnees:documents", args=[case.reference]) not in page
    pdf = client.get(reverse("returnees:plan_pdf", args=[case.reference, plan.number]))
    assert pdf.status_code == 409


@pytest.mark.parametrize("status", list(Escalation.Status), ids=str)
@pytest.mark.parametrize("action", ESCALATION.actions)
def test_escalations_move_only_forward(status, action, coordinator):
    escalation = Escalation.objects.create(
        case=monitored_case(), reason="overdue", reference_date=dt.date.today(), status=status
    )
    call = services.escalation_resolve if action == "resolve" else services.escalation_acknowledge
    if ESCALATION.allowed(escalation, action):
        assert call(actor=coordinator, escalation=escalation, notes="Spoke to them").status == (
            ESCALATION.transitions[action].target
        )
    else:
        with pytest.raises(Refused) as refused:
            call(actor=coordinator, escalation=escalation, notes="Spoke to them")
        assert refused.value.text == str(ESCALATION.transitions[action].refusal)
