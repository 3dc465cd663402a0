"""Staff set up campaigns and action types here; saving goes through the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns import schema, services
from campaigns.models import Action, ActionType, Campaign, PledgeSignature
from sanctuary.admin import ServiceAdmin
from sanctuary.forms import must_choose

# Paths under /campaigns/ that a campaign's slug would otherwise hide.
RESERVED_SLUGS = {
    "progress",
    "mine",
    "guidance",
    "dashboard",
    "groups",
    "outcome",
    "unsubscribe",
    "pledge",
    "actions",
}


class ActionTypeForm(forms.ModelForm):
    class Meta:
        model = ActionType
        fields = [
            "name",
            "name_cy",
            "slug",
            "guidance",
            "guidance_cy",
            "detail_fields",
            "outcome_fields",
            "rate_field",
            "rate_value",
            "breakdown_field",
            "progress_step",
            "position",
            "is_active",
        ]

    def clean_detail_fields(self):
        value = self.cleaned_data["detail_fields"]
        schema.validate_fields(value)
        return value

    def clean_outcome_fields(self):
        value = self.cleaned_data["outcome_fields"]
        schema.validate_fields(value)
        return value

    def clean(self):
        cleaned = super().clean()
        outcome_names = {f["name"] for f in cleaned.get("outcome_fields") or [] if isinstance(f, dict)}
        detail_names = {f["name"] for f in cleaned.get("detail_fields") or [] if isinstance(f, dict)}
        if cleaned.get("rate_field") and cleaned["rate_field"] not in outcome_names:
            self.add_error("rate_field", _("Name one of the outcome fields."))
        if cleaned.get("breakdown_field") and cleaned["breakdown_field"] not in detail_names:
            self.add_error("breakdown_field", _("Name one of the detail fields."))
        return cleaned


@admin.register(ActionType)
class ActionTypeAdmin(ServiceAdmin):
    form = ActionTypeForm
    list_display = ["name", "slug", "expects_outcome", "progress_step", "position", "is_active"]
    list_filter = ["is_active", "expects_outcome"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["expects_outcome"]

    # No delete_service: logged actions point at their type; retire one by unticking "active".
    service_object = "action_type"
    save_service = staticmethod(services.action_type_save)


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "title_cy",
            "slug",
            "summary",
            "summary_cy",
            "body",
            "body_cy",
            "starts_on",
            "ends_on",
            "status",
            "goal_kind",
            "goal_target",
            "action_types",
            "pledge_statement",
            "pledge_statement_cy",
            "pledge_principles",
            "pledge_principles_cy",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "goal_kind" in self.fields:
            # What the goal counts is staff's choice to make, not the model's default.
            must_choose(self.fields["goal_kind"], _("Choose what the goal counts."))
            self.initial.pop("goal_kind", None)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This web address is used by another page; choose another."))
        return slug

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ends_on") and cleaned.get("starts_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        if (
            cleaned.get("goal_kind") == Campaign.GoalKind.PLEDGES
            and not (cleaned.get("pledge_statement") or "").strip()
        ):
            self.add_error("pledge_statement", _("A pledge goal needs a pledge statement."))
        return cleaned


@admin.register(Campaign)
class CampaignAdmin(ServiceAdmin):
    form = CampaignForm
    list_display = ["title", "status", "starts_on", "ends_on", "goal_kind", "goal_target"]
    list_filter = ["status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["action_types"]

    # No delete_service: actions and pledges belong to campaigns; close one instead.
    service_object = "campaign"
    save_service = staticmethod(services.campaign_save)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    """Read-only: actions belong to the people who logged them."""

    list_display = ["id", "campaign", "action_type", "done_on", "region", "is_public", "outcome_recorded_at"]
    list_filter = ["campaign", "action_type", "region", "is_public"]
    list_select_related = ["campaign", "action_type"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting goes through the service, so it is audited and the cached figures follow.
    def delete_model(self, request, obj):
        services.actions_delete(actions=Action.objects.filter(pk=obj.pk), actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        services.actions_delete(actions=queryset, actor=request.user, request=request)


@admin.register(PledgeSignature)
class PledgeSignatureAdmin(admin.ModelAdmin):
    list_display = ["id", "campaign", "confirmed_at", "created_at"]
    list_filter = ["campaign"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.pledge_signatures_delete(
            signatures=PledgeSignature.objects.filter(pk=obj.pk), actor=request.user, request=request
        )

    def delete_queryset(self, request, queryset):
        services.pledge_signatures_delete(signatures=queryset, actor=request.user, request=request)
