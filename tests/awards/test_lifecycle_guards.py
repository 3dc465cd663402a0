"""Every action on an award application, a review and an award, from every state.

States and actions come from ``awards.workflow``; one without a row here fails
``test_every_state_and_action_has_a_row``. Services are tried from every state (the one guard),
then each page as each role: the applicant's contact, another organisation's contact, an
assessor on the panel, one not on it, national staff and the local group's lead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from awards import services
from awards.models import Application, Award, Endorsement, PanelMember
from awards.workflow import APPLICATION, AWARD, REVIEW
from groups.models import GroupMembership
from sanctuary.errors import Refused
from tests.awards.factories import complete_minimum, make_assessor, make_draft, make_panel, review_all
from tests.factories import GroupFactory, OrganisationContactFactory, make_lead

pytestmark = pytest.mark.django_db
S = Application.Status


def _draft(staff):
    application = make_draft()
    complete_minimum(application)
    return application


def _submitted(staff):
    application = _draft(staff)
    services.application_submit(application=application, user=application.applicant)
    make_panel(application, staff)
    return Application.objects.get(pk=application.pk)


def _in_review(staff):
    application = services.review_start(application=_submitted(staff), actor=staff)
    review_all(application, list(application.panel.all()))
    return Application.objects.get(pk=application.pk)


def _more_evidence(staff):
    application = _in_review(staff)
    services.evidence_request(
        application=application,
        answers=list(application.answers.all()[:1]),
        note="Show us the training log.",
        due_on=timezone.localdate() + dt.timedelta(days=14),
        actor=staff,
    )
    return Application.objects.get(pk=application.pk)


def _decided(awarded: bool):
    def build(staff):
        application = _in_review(staff)
        services.application_decide(
            application=application, awarded=awarded, feedback="Thank you.", actor=staff
        )
        return Application.objects.get(pk=application.pk)

    return build


def _withdrawn(staff):
    application = _draft(staff)
    return services.application_withdraw(application=application, user=application.applicant)


STATES: dict[str, Callable] = {
    S.DRAFT: _draft,
    S.SUBMITTED: _submitted,
    S.IN_REVIEW: _in_review,
    S.MORE_EVIDENCE: _more_evidence,
    S.AWARDED: _decided(True),
    S.NOT_AWARDED: _decided(False),
    S.WITHDRAWN: _withdrawn,
}


def _endorsement(application) -> Endorsement:
    if application.group is None:
        application.group = GroupFactory()
        application.save(update_fields=["group"])
    endorsement, _ = Endorsement.objects.get_or_create(application=application, group=application.group)
    if not GroupMembership.objects.filter(group=application.group, role="lead").exists():
        make_lead(application.group)
    return endorsement


def _lead(application):
    return _endorsement(application).group.memberships.filter(role="lead").first().user


def _complete_reopened(application) -> None:
    for answer in application.answers.filter(reopened=True):
        services.answer_save(
            application=application, criterion=answer.criterion, user=application.applicant,
            account="More evidence.", links="", complete=True,
        )  # fmt: skip


ACTIONS: dict[str, Callable] = {
    "edit_answers": lambda a, staff: services.answer_save(
        application=a,
        criterion=(a.answers.filter(reopened=True).first() or a.answers.first()).criterion,
        user=a.applicant,
        account="Changed",
        links="",
        complete=True,
    ),
    "edit_commitments": lambda a, staff: services.commitments_save(
        application=a, user=a.applicant, commitments="More"
    ),
    "submit": lambda a, staff: (
        _complete_reopened(a),
        services.application_submit(application=a, user=a.applicant),
    ),
    "respond_endorsement": lambda a, staff: services.endorsement_respond(
        endorsement=_endorsement(a), user=_lead(a), endorse=True, comment="Yes"
    ),
    "withdraw": lambda a, staff: services.application_withdraw(application=a, user=a.applicant),
    "form_panel": lambda a, staff: services.panel_member_add(
        application=a, assessor=make_assessor(), actor=staff
    ),
    "start_review": lambda a, staff: services.review_start(application=a, actor=staff),
    "request_evidence": lambda a, staff: services.evidence_request(
        application=a,
        answers=list(a.answers.all()[:1]),
        note="More",
        actor=staff,
        due_on=timezone.localdate() + dt.timedelta(days=7),
    ),
    "decide": lambda a, staff: services.application_decide(
        application=a, awarded=False, feedback="No", actor=staff
    ),
}


def test_every_state_and_action_has_a_row():
    assert set(STATES) == set(APPLICATION.states)
    assert set(ACTIONS) == set(APPLICATION.actions)
    assert set(REVIEW_STATES) == set(REVIEW.states)
    assert set(REVIEW_ACTIONS) == set(REVIEW.actions)
    assert set(AWARD_STATES) == set(AWARD.states)
    assert set(AWARD.actions) == {"reaccredit"}


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
@pytest.mark.parametrize("action", sorted(ACTIONS), ids=str)
def test_each_application_service_allows_or_refuses_each_state(state, action, national_staff):
    application = STATES[state](national_staff)
    assert application.status == state
    transition = APPLICATION.transitions[action]
    if state in transition.sources:
        ACTIONS[action](application, national_staff)
        application.refresh_from_db()
        if transition.target:
            assert application.status in (
                transition.target,
                S.IN_REVIEW,
            )  # a resubmission goes back to review
    else:
        with pytest.raises(Refused) as refused:
            ACTIONS[action](application, national_staff)
        assert refused.value.text == str(transition.refusal_for(state))
        application.refresh_from_db()
        assert application.status == state


# --- pages, by role -------------------------------------------------------------------------


def _people(application, staff) -> dict:
    panel = application.panel.select_related("assessor").first()
    return {
        "applicant": application.applicant,
        "other_applicant": OrganisationContactFactory().user,
        "assessor_on_panel": panel.assessor if panel else make_assessor(),
        "assessor_off_panel": make_assessor(),
        "staff": staff,
        "lead": _lead(application),
    }


def _page(action, application) -> tuple[str, dict, set[str]]:
    """Where ``action`` is done, what is posted, and who may do it there."""
    staff_page = reverse("awards:staff_application", args=[application.pk])
    first = application.answers.first()
    return {
        "edit_answers": (
            reverse("awards:answer", args=[application.pk, first.criterion_id]),
            {"account": "Changed", "links": "", "complete": "on"},
            {"applicant"},
        ),
        "edit_commitments": (
            reverse("awards:commitments", args=[application.pk]),
            {"commitments": "More"},
            {"applicant"},
        ),
        "submit": (reverse("awards:check", args=[application.pk]), {}, {"applicant"}),
        "respond_endorsement": (
            reverse("awards:endorsement", args=[_endorsement(application).pk]),
            {"decision": "endorse", "comment": "Yes"},
            {"lead"},
        ),
        "withdraw": (reverse("awards:withdraw", args=[application.pk]), {}, {"applicant"}),
        "form_panel": (staff_page, {"add_member": "1", "assessor": make_assessor().pk}, {"staff"}),
        "start_review": (staff_page, {"start_review": "1"}, {"staff"}),
        "request_evidence": (
            staff_page,
            {
                "request_evidence": "1",
                "answers": [first.pk],
                "note": "More",
                "due_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
            },
            {"staff"},
        ),
        "decide": (staff_page, {"decide": "1", "outcome": "not_awarded", "feedback": "No"}, {"staff"}),
    }[action]


@pytest.mark.parametrize("state", sorted(STATES), ids=str)
def test_each_application_page_by_state_action_and_role(state, national_staff, client_for):
    application = STATES[state](national_staff)
    people = _people(application, national_staff)
    for action in ACTIONS:
        for role, person in people.items():
            url, data, allowed_roles = _page(action, application)
            with transaction.atomic():
                response = client_for(person).post(url, data)
                after = Application.objects.get(pk=application.pk).status
                transaction.set_rollback(True)
            where = (state, action, role, response.status_code)
            body = response.content.decode() if not response.streaming else ""
            if role not in allowed_roles:
                assert response.status_code in (403, 404), where
                assert after == state, where
            elif APPLICATION.allowed(application, action):
                assert response.status_code in (200, 302), where
            else:
                assert response.status_code in (200, 302, 400, 409), where
                assert after == state, where
                if response.status_code == 409:
                    assert escape(str(APPLICATION.transitions[action].refusal_for(state))) in body, where


# --- reviews ------------------------------------------------------------------------------------


def _member(staff, **changes) -> PanelMember:
    application = _submitted(staff)
    member = application.panel.first()
    services.review_start(application=application, actor=staff)
    PanelMember.objects.filter(pk=member.pk).update(**changes)
    return PanelMember.objects.select_related("application").get(pk=member.pk)


REVIEW_STATES: dict[str, Callable] = {
    "awaiting_declaration": lambda staff: _member(staff, conflict=PanelMember.Conflict.UNDECLARED),
    "conflicted": lambda staff: _member(staff, conflict=PanelMember.Conflict.DECLARED),
    "drafting": lambda staff: _member(staff),
    "submitted": lambda staff: _member(staff, review_submitted_at=timezone.now()),
}
REVIEW_ACTIONS: dict[str, Callable] = {
    "declare_conflict": lambda m, staff: services.conflict_declare(member=m, has_conflict=False),
    "write": lambda m, staff: services.review_save(
        member=m, outcomes={a.pk: ("met", "") for a in m.application.answers.all()}, submit=False
    ),
    "reopen": lambda m, staff: services.review_reopen(member=m, reason="Look again", actor=staff),
}


@pytest.mark.parametrize("state", sorted(REVIEW_STATES), ids=str)
@pytest.mark.parametrize("action", sorted(REVIEW_ACTIONS), ids=str)
def test_each_review_action_from_each_state(state, action, national_staff):
    member = REVIEW_STATES[state](national_staff)
    assert REVIEW.state_of(member) == state
    if REVIEW.allowed(member, action):
        REVIEW_ACTIONS[action](member, national_staff)
    else:
        with pytest.raises(Refused) as refused:
            REVIEW_ACTIONS[action](member, national_staff)
        assert refused.value.text == str(REVIEW.transitions[action].refusal_for(state))


# --- awards -------------------------------------------------------------------------------------

AWARD_STATES = {
    "current": {},
    "expiring": {"expires_on_in": 30},
    "expired": {"expires_on_in": -30},
    "renewed": {"status": Award.Status.RENEWED},
    "withdrawn": {"status": Award.Status.WITHDRAWN},
}


@pytest.mark.parametrize("state", sorted(AWARD_STATES), ids=str)
def test_reaccreditation_opens_only_for_an_expiring_or_expired_award(state, national_staff, client_for):
    application = _decided(True)(national_staff)
    award = Award.objects.get(application=application)
    changes = dict(AWARD_STATES[state])
    if days := changes.pop("expires_on_in", None):
        changes["expires_on"] = timezone.localdate() + dt.timedelta(days=days)
    Award.objects.filter(pk=award.pk).update(**changes)
    award.refresh_from_db()
    assert AWARD.state_of(award) == state
    client = client_for(application.applicant)
    response = client.post(reverse("awards:reaccredit", args=[award.pk]))
    started = Application.objects.filter(previous_award=award).exists()
    assert started == AWARD.allowed(award, "reaccredit")
    if not started:
        assert response.status_code == 302
