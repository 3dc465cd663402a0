from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from la_network.models import Application, CouncilContact, Requirement, WorkingGroupMember
from la_network.selectors import councils_open_to_apply
from la_network.services import strategy_period_problem
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
    role = forms.ChoiceField(choices=CouncilContact.Role.choices, label=_("You are applying as"))


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


class WaiverForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("Why the endorsement is waived")
    )


class RequirementReviewForm(forms.Form):
    requirement = forms.ChoiceField(choices=Requirement.choices, widget=forms.HiddenInput)
    verified = forms.BooleanField(required=False, label=_("Verified"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note"))


class DecisionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve: membership starts today")),
        ("changes", _("Request changes: the application reopens for the council")),
        ("decline", _("Decline")),
    ]
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.RadioSelect, label=_("Decision"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label=_("Reasons or notes for the council")
    )

    def clean(self):
        data = super().clean()
        if data.get("action") in ("changes", "decline") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say what needs to change or why the application is declined."))
        return data


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
