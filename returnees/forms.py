"""Forms validate; services act. Nothing here saves."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnees.models import (
    CadenceRule,
    Case,
    CaseDocument,
    Channel,
    CheckIn,
    CountryNote,
    InCountryContact,
    PlanHandover,
    PlanVersion,
)
from returnees.selectors import assignable_guardians
from sanctuary.forms import must_choose
from sanctuary.uploads import IMAGE, PDF, SafeFileField
from sanctuary.widgets import DateInput, PlainSelect

DATE_INPUT = DateInput()
MIN_DATE = dt.date(2000, 1, 1)


def _check_date(value: dt.date | None, *, allow_future_days: int | None = None) -> None:
    if value is None:
        return
    if value < MIN_DATE:
        raise forms.ValidationError(_("Enter a date after 1 January 2000."))
    if allow_future_days is not None and value > timezone.localdate() + dt.timedelta(days=allow_future_days):
        raise forms.ValidationError(_("This date cannot be in the future."))


class CaseForm(forms.ModelForm):
    preferred_channels = forms.MultipleChoiceField(
        label=_("Preferred ways to keep in touch"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Case
        fields = list(Case.EDITABLE_FIELDS)
        widgets = {
            "departure_date": DATE_INPUT,
            "consent_given_on": DATE_INPUT,
            "phone_numbers": forms.Textarea(attrs={"rows": 2}),
            "sim_network": forms.Textarea(attrs={"rows": 2}),
            "identification_notes": forms.Textarea(attrs={"rows": 3}),
            "consent_scope": forms.Textarea(attrs={"rows": 3}),
            "risk_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "phone_numbers": _("One per line, with the country code."),
            "consent_scope": _("What the person agreed to: who may contact them, how, and what we keep."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # A new case's risk is assessed on purpose ("not yet assessed" included), never
            # left at the model's default by a form submitted untouched.
            must_choose(
                self.fields["risk_level"],
                # Quotes as characters: xgettext reads no escapes, and the catalogue must match.
                _("Choose a risk level; “not yet assessed” is a choice too."),
            )
        if self.instance.pk and self.instance.preferred_channels:
            self.initial["preferred_channels"] = self.instance.preferred_channels.split(",")

    def clean_preferred_channels(self) -> str:
        return ",".join(self.cleaned_data["preferred_channels"])

    def clean_departure_date(self):
        value = self.cleaned_data.get("departure_date")
        if value and value > dt.date(2100, 1, 1):
            raise forms.ValidationError(_("Enter a realistic date of departure."))
        _check_date(value)
        return value

    def clean_consent_given_on(self):
        value = self.cleaned_data.get("consent_given_on")
        _check_date(value, allow_future_days=0)
        return value

    def clean(self):
        data = super().clean()
        if (
            data.get("risk_level") not in (None, "", Case.Risk.UNASSESSED)
            and not (data.get("risk_reason") or "").strip()
        ):
            self.add_error("risk_reason", _("Give the reason for this risk level."))
        if data.get("consent_given_on") and not data.get("consent_method"):
            self.add_error("consent_method", _("Say how consent was given."))
        return data

    def case_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class CloseForm(forms.Form):
    reason = must_choose(
        forms.ChoiceField(
            label=_("Reason for closing"),
            choices=[c for c in Case.ClosedReason.choices if c[0] != Case.ClosedReason.CONSENT_WITHDRAWN],
        ),
        _("Choose the reason for closing the case."),
    )
    notes = forms.CharField(
        label=_("Closing notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsentWithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that every personal detail of this case is erased now and cannot be recovered."
        ),
    )


class CircleAddForm(forms.Form):
    guardian = forms.ModelChoiceField(label=_("Guardian"), queryset=None)
    is_lead = forms.BooleanField(label=_("Make this guardian the lead"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        # Only guardians not in the circle yet: an existing member is made lead from their row.
        self.fields["guardian"].queryset = assignable_guardians().exclude(returnee_circles__case=case)


class CadenceRuleForm(forms.ModelForm):
    class Meta:
        model = CadenceRule
        fields = ["starts_after_days", "interval_days"]

    def clean_starts_after_days(self):
        value = self.cleaned_data["starts_after_days"]
        if value > 3650:
            raise forms.ValidationError(_("Use a day within ten years of the start."))
        return value

    def clean_interval_days(self):
        value = self.cleaned_data["interval_days"]
        if not 1 <= value <= 365:
            raise forms.ValidationError(_("Choose an interval between 1 and 365 days."))
        return value


class BaseCadenceFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        starts = []
        for form in self.forms:
            if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                starts.append(form.cleaned_data["starts_after_days"])
        if not starts:
            raise forms.ValidationError(_("Add at least one rule."))
        if 0 not in starts:
            raise forms.ValidationError(_("One rule must start on day 0, when monitoring begins."))
        if len(starts) != len(set(starts)):
            raise forms.ValidationError(_("Two rules cannot start on the same day."))

    def rules(self) -> list[tuple[int, int]]:
        return sorted(
            (f.cleaned_data["starts_after_days"], f.cleaned_data["interval_days"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )


CadenceFormSet = forms.modelformset_factory(
    CadenceRule, form=CadenceRuleForm, formset=BaseCadenceFormSet, extra=2, can_delete=True, max_num=10
)


class CheckInForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    channel = must_choose(
        forms.ChoiceField(label=_("How"), choices=Channel.choices), _("Choose how you were in touch.")
    )
    reached = forms.TypedChoiceField(
        label=_("Did you reach them?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    wellbeing = forms.ChoiceField(
        label=_("How are they?"), choices=CheckIn.Wellbeing.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    needs = forms.CharField(label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up = forms.CharField(
        label=_("Follow-up actions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_occurred_at(self):
        value = self.cleaned_data["occurred_at"]
        now = timezone.now()
        if value > now + dt.timedelta(minutes=10):
            raise forms.ValidationError(_("A check-in cannot be in the future."))
        if value < now - dt.timedelta(days=90):
            raise forms.ValidationError(_("Record check-ins within 90 days of them happening."))
        return value

    def clean(self):
        data = super().clean()
        reached, wellbeing = data.get("reached"), data.get("wellbeing")
        if reached is True and wellbeing == CheckIn.Wellbeing.NOT_REACHED:
            self.add_error("wellbeing", _("You reached them: say how they are."))
        if reached is False and wellbeing not in (None, CheckIn.Wellbeing.NOT_REACHED):
            self.add_error("wellbeing", _("You did not reach them: choose “Could not reach”."))
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = InCountryContact
        fields = ["name", "role", "how_to_reach"]
        widgets = {"how_to_reach": forms.Textarea(attrs={"rows": 2})}


class CountryNoteForm(forms.ModelForm):
    class Meta:
        model = CountryNote
        fields = ["researched_on", "notes", "sources"]
        widgets = {
            "researched_on": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_researched_on(self):
        value = self.cleaned_data["researched_on"]
        _check_date(value, allow_future_days=0)
        return value


class PlanForm(forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = [name for name, _label in PlanVersion.SECTIONS]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name, _label in PlanVersion.SECTIONS}

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name, _label in PlanVersion.SECTIONS):
            raise forms.ValidationError(_("Fill in at least one section of the plan."))
        return data


class HandoverForm(forms.ModelForm):
    class Meta:
        model = PlanHandover
        fields = ["recipient", "recipient_note", "given_on"]
        widgets = {"given_on": DATE_INPUT}

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        _check_date(value, allow_future_days=0)
        return value


class DocumentForm(forms.Form):
    kind = must_choose(
        forms.ChoiceField(label=_("Kind"), choices=CaseDocument.Kind.choices),
        _("Choose what kind of document this is."),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    file = SafeFileField(label=_("File (PDF, JPEG, PNG or WebP)"), kinds=(PDF, IMAGE))


class EscalationNotesForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}))


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *list(Case.Status.choices)],
        required=False,
        widget=PlainSelect,
    )
    risk = forms.ChoiceField(
        label=_("Risk"),
        choices=[("", _("Any")), *list(Case.Risk.choices)],
        required=False,
        widget=PlainSelect,
    )
    reference = forms.CharField(label=_("Reference"), max_length=12, required=False)
    due = forms.BooleanField(label=_("Only check-ins due now"), required=False)
