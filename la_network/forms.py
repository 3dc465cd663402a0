from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from la_network.models import Application, CouncilContact, Requirement, WorkingGroupMember
from la_network.selectors import councils_open_to_apply, strategy_period_problem
from la_network.workflow import APPLICATION
from sanctuary.forms import must_choose
from sanctuary.geography import Nation, Region
from sanctuary.uploads import PDF, SafeFileField
from sanctuary.widgets import DateInput

DATE = DateInput()


def _http_url(value: str) -> str:
    if value and urlsplit(value).scheme.lower() not in ("http", "https"):
        raise ValidationError(_("Enter a web address starting with http:// or https://."))
    return value


# A strategy's dates must be real planning dates: the three-year check adds years to them,
# which a date near the end of the calendar (9999) cannot take.
STRATEGY_YEARS = (2000, 2099)


def _strategy_date(value: dt.date | None) -> dt.date | None:
    if value and not STRATEGY_YEARS[0] <= value.year <= STRATEGY_YEARS[1]:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": STRATEGY_YEARS[0], "last": STRATEGY_YEARS[1]}
        )
    return value


class StartForm(forms.Form):
    local_authority = forms.ModelChoiceField(
        queryset=councils_open_to_apply(),
        label=_("Council"),
        help_text=_("Only current councils can apply; former councils are kept for history."),
    )
    role = must_choose(
        forms.ChoiceField(choices=CouncilContact.Role.choices, label=_("You are applying as")),
        _("Say whether you are the responsible councillor or the officer."),
    )


class MotionForm(forms.ModelForm):
    motion_document = SafeFileField(kinds=(PDF,), required=False, label=_("Motion document (PDF)"))

    class Meta:
        model = Application
        fields = ["motion_passed_on", "motion_title", "motion_minutes_url", "motion_document"]
        widgets = {"motion_passed_on": DATE}

    def clean_motion_minutes_url(self):
        return _http_url(self.cleaned_data["motion_minutes_url"])

    def clean_motion_passed_on(self):
        value = self.cleaned_data["motion_passed_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The motion must already have been passed."))
        return value


class CharterForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["charter_signed_on", "charter_signatory_name", "charter_signatory_role"]
        widgets = {"charter_signed_on": DATE}

    def clean_charter_signed_on(self):
        value = self.cleaned_data["charter_signed_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The charter must already have been signed."))
        return value


class LocalGroupForm(forms.ModelForm):
    groups = forms.ModelMultipleChoiceField(
        queryset=Group.objects.exclude(status=Group.Status.CLOSED).order_by("name"),
        required=False,
        label=_("Local City of Sanctuary group(s)"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each group's leads are asked to endorse the application."),
    )

    class Meta:
        model = Application
        fields = ["groups", "joint_work"]


class StrategyForm(forms.ModelForm):
    strategy_document = SafeFileField(kinds=(PDF,), required=False, label=_("Strategy document (PDF)"))

    class Meta:
        model = Application
        fields = [
            "strategy_title",
            "strategy_url",
            "strategy_document",
            "strategy_starts_on",
            "strategy_ends_on",
        ]
        widgets = {"strategy_starts_on": DATE, "strategy_ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy_url"].required = True
        self.fields["strategy_starts_on"].required = True
        self.fields["strategy_ends_on"].required = True

    def clean_strategy_url(self):
        return _http_url(self.cleaned_data["strategy_url"])

    def clean_strategy_starts_on(self):
        return _strategy_date(self.cleaned_data["strategy_starts_on"])

    def clean_strategy_ends_on(self):
        return _strategy_date(self.cleaned_data["strategy_ends_on"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("strategy_starts_on"), data.get("strategy_ends_on")
        if starts and ends:
            problem = strategy_period_problem(starts, ends, reference=timezone.localdate())
            if problem:
                self.add_error("strategy_ends_on", problem)
        return data


class ContactsForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "councillor_name",
            "councillor_email",
            "councillor_portfolio",
            "officer_name",
            "officer_email",
            "officer_job_title",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True


SECTION_FORMS = {
    Requirement.MOTION: MotionForm,
    Requirement.CHARTER: CharterForm,
    Requirement.LOCAL_GROUP: LocalGroupForm,
    Requirement.STRATEGY: StrategyForm,
    Requirement.CONTACTS: ContactsForm,
}


class EndorsementForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("endorse", _("Endorse the application")), ("decline", _("Decline to endorse"))],
        widget=forms.RadioSelect,
        label=_("Your group's answer"),
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Statement"),
        help_text=_("Shown to the council and to the national team."),
    )


class ReviewForm(forms.Form):
    """Everything national staff record on the review page, in one form saved together: the
    check of each requirement, a waiver of the group's endorsement, and the decision. Ticks are
    never lost to a second form submitted from the same page."""

    waiver_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Waive the group's endorsement"),
        help_text=_("Only where no local group exists. Say why; the council will see it."),
    )
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Approve: membership starts today")),
            ("changes", _("Request changes: the application reopens for the council")),
            ("decline", _("Decline")),
        ],
        widget=forms.RadioSelect,
        required=False,
        label=_("Decision"),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Reasons or notes for the council")
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.intent = (self.data.get("intent") or "save") if self.is_bound else "save"
        # A draft can be given a waiver (a council with no local group could not send it
        # otherwise) but not checked or decided.
        self.reviewing = APPLICATION.allowed(application, "review")
        if not self.reviewing:
            del self.fields["action"], self.fields["reason"]
            self.intent = "save"
        reviews = {review.requirement: review for review in application.reviews.all()}
        for key, label in Requirement.choices if self.reviewing else []:
            review = reviews.get(key)
            self.fields[f"{key}_verified"] = forms.BooleanField(
                required=False,
                initial=bool(review and review.verified),
                label=_("%(label)s: verified") % {"label": label},
            )
            self.fields[f"{key}_note"] = forms.CharField(
                required=False,
                initial=review.note if review else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                label=_("Note on %(label)s for the council") % {"label": label},
            )
        if application.endorsement_waived or not APPLICATION.allowed(application, "waive_endorsement"):
            del self.fields["waiver_reason"]

    @property
    def has_fields(self) -> bool:
        return bool(self.fields)

    def requirement_fields(self, key: str):
        return (self[f"{key}_verified"], self[f"{key}_note"]) if self.reviewing else None

    def clean(self):
        data = super().clean()
        if self.intent == "decide":
            if not data.get("action"):
                self.add_error("action", _("Choose a decision."))
            elif data["action"] in ("changes", "decline") and not (data.get("reason") or "").strip():
                self.add_error("reason", _("Say what needs to change or why the application is declined."))
        return data

    def checks(self) -> dict:
        from la_network.services import RequirementCheck

        return {
            key: RequirementCheck(
                verified=self.cleaned_data[f"{key}_verified"], note=self.cleaned_data[f"{key}_note"].strip()
            )
            for key in Requirement.values
            if self.reviewing
        }


class RegisterFilterForm(forms.Form):
    nation = forms.ChoiceField(
        choices=[("", _("All nations")), *Nation.choices], required=False, label=_("Nation")
    )
    region = forms.ChoiceField(
        choices=[("", _("All regions")), *Region.choices], required=False, label=_("Region")
    )


class WorkingGroupMemberForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupMember
        fields = ["name", "place", "local_authority", "group", "joined_on"]
        widgets = {"joined_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = councils_open_to_apply()
        self.fields["group"].queryset = Group.objects.exclude(status=Group.Status.CLOSED).order_by("name")
