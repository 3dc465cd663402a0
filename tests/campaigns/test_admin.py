import pytest
from django.urls import reverse

from campaigns.admin import ActionTypeForm, CampaignForm
from campaigns.models import ActionType, Campaign
from sanctuary.models import AuditEvent

pytestmark = pytest.mark.django_db


def type_data(**overrides):
    data = {
        "name": "Letter to a councillor",
        "slug": "councillor-letter",
        "guidance": "Write to your ward councillor about welcome in your area.",
        "detail_fields": '[{"name": "ward", "label": "Ward", "kind": "text", "required": true}]',
        "outcome_fields": '[{"name": "reply", "label": "R", "kind": "choice", "choices": ["yes", "no"]}]',
        "rate_field": "reply",
        "rate_value": "yes",
        "breakdown_field": "ward",
        "progress_step": "",
        "position": 5,
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_malformed_field_definitions_are_refused():
    form = ActionTypeForm(
        data=type_data(detail_fields='[{"name": "Bad Name", "label": "x", "kind": "text"}]')
    )
    assert "detail_fields" in form.errors
    form = ActionTypeForm(
        data=type_data(outcome_fields='[{"name": "reply", "label": "R", "kind": "choice"}]')
    )
    assert "outcome_fields" in form.errors
    form = ActionTypeForm(data=type_data(rate_field="missing"))
    assert "rate_field" in form.errors


def test_staff_add_an_action_type_in_the_admin_and_it_is_audited(client_for, national_staff):
    national_staff.is_staff = national_staff.is_superuser = True
    national_staff.save(update_fields=["is_staff", "is_superuser"])
    response = client_for(national_staff).post(reverse("admin:campaigns_actiontype_add"), type_data())
    assert response.status_code == 302
    added = ActionType.objects.get(slug="councillor-letter")
    assert added.expects_outcome is True
    assert AuditEvent.objects.filter(action="campaigns.action_type_created", object_id=str(added.pk)).exists()


def test_campaign_slug_cannot_hide_another_page():
    form = CampaignForm(
        data={
            "title": "Progress",
            "slug": "progress",
            "summary": "s",
            "starts_on": "2026-01-01",
            "status": Campaign.Status.DRAFT,
            "goal_kind": Campaign.GoalKind.ACTIONS,
            "goal_target": 0,
        }
    )
    assert "slug" in form.errors


def test_pledge_goal_needs_a_pledge_statement():
    form = CampaignForm(
        data={
            "title": "Pledge",
            "slug": "pledge-drive",
            "summary": "s",
            "starts_on": "2026-01-01",
            "status": Campaign.Status.DRAFT,
            "goal_kind": Campaign.GoalKind.PLEDGES,
            "goal_target": 10,
        }
    )
    assert "pledge_statement" in form.errors
