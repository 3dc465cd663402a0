from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards import services
from awards.models import Answer, Application, Review, Stream
from groups.models import Group
from sanctuary.geography import Region
from sanctuary.i18n import localised
from sanctuary.models import Role, User
from sanctuary.uploads import IMAGE, PDF, SafeFileField
from sanctuary.widgets import DateInput


def _helper(label, *, name: str = "save", method: str = "post") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    if label:
        helper.add_input(Submit(name, label))
    return helper


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    group = forms.ModelChoiceField(
        queryset=Group.objects.exclude(status=Group.Status.CLOSED),
        required=False,
        label=_("Local group"),
        help_text=_(
            "The group's leads will be asked to comment on or endorse your application. "
            "Leave empty to use your organisation's own local group."
        ),
    )

    def __init__(self, *args, user, stream: Stream, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.stream = user, stream
        self.fields["organisation"].queryset = organisations
        self.helper = _helper(_("Start application"))

    def clean(self):
        data = super().clean()
        if data.get("organisation"):
            services.check_can_start(stream=self.stream, organisation=data["organisation"], user=self.user)
        return data


class InterestForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.helper = _helper(_("Register interest"))


class AnswerForm(forms.Form):
    account = forms.CharField(
        label=_("What your organisation has done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Describe what you do, who is involved and what difference it makes."),
    )
    links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line, for example a policy or a news story."),
    )
    evidence = SafeFileField(kinds=(PDF, IMAGE), required=False, label=_("Add a file (PDF or image)"))
    complete = forms.BooleanField(required=False, label=_("I have finished this criterion"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))

    def clean_links(self):
        links = self.cleaned_data["links"]
        validate = URLValidator(schemes=["http", "https"])
        for line in links.splitlines():
            if line.strip():
                try:
                    validate(line.strip())
                except ValidationError as exc:
                    raise ValidationError(
                        _("'%(line)s' is not a web address starting with https://.")
                        % {"line": line.strip()[:80]}
                    ) from exc
        return links

    def clean(self):
        data = super().clean()
        if data.get("complete") and not (data.get("account") or "").strip():
            self.add_error(
                "account", _("Describe what you have done before marking this criterion finished.")
            )
        return data


class CommitmentsForm(forms.Form):
    commitments = forms.CharField(
        label=_("Your commitments for the next three years"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What your organisation will keep doing, or start doing, while it holds the award."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"))


class EndorsementForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your response"),
        widget=forms.RadioSelect,
        choices=[
            ("endorse", _("We endorse this application")),
            ("comment", _("We want to comment without endorsing")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment for the panel"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Send response"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "comment" and not data.get("comment", "").strip():
            self.add_error("comment", _("Write your comment for the panel."))
        return data


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this organisation?"),
        help_text=_(
            "For example you work there, are a governor, or are related to someone who does. "
            "If you declare a conflict you will be removed from this panel."
        ),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("no", _("No, I have no conflict")), ("yes", _("Yes, I have a conflict"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Confirm declaration"), name="declare")


class ReviewForm(forms.Form):
    """One outcome and comment per answer; saving a draft allows gaps, submitting does not."""

    def __init__(self, *args, answers: list[Answer], existing: dict[int, Review], **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        for answer in answers:
            review = existing.get(answer.pk)
            self.fields[f"outcome_{answer.pk}"] = forms.ChoiceField(
                label=_("Outcome: %(title)s") % {"title": localised(answer, "title")},
                required=False,
                widget=forms.RadioSelect,
                choices=Review.Outcome.choices,
                initial=review.outcome if review else None,
            )
            self.fields[f"comment_{answer.pk}"] = forms.CharField(
                label=_("Comment: %(title)s") % {"title": localised(answer, "title")},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=review.comment if review else "",
            )

    def outcomes(self) -> dict[int, tuple[str, str]]:
        return {
            a.pk: (
                self.cleaned_data.get(f"outcome_{a.pk}") or "",
                self.cleaned_data.get(f"comment_{a.pk}", ""),
            )
            for a in self.answers
        }

    def rows(self):
        return [(a, self[f"outcome_{a.pk}"], self[f"comment_{a.pk}"]) for a in self.answers]


class PanelAddForm(forms.Form):
    assessor = forms.ModelChoiceField(
        queryset=User.objects.filter(role_assignments__role=Role.ASSESSOR, is_active=True)
        .select_related("assessor_profile")
        .order_by("display_name"),
        label=_("Assessor"),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        # Only assessors who could join: not already on it (nor declared conflicted off it), not
        # acting for the applicant organisation.
        self.fields["assessor"].queryset = (
            self.fields["assessor"]
            .queryset.exclude(award_panels__application=application)
            .exclude(organisation_contacts__organisation_id=application.organisation_id)
            .distinct()
        )
        self.helper = _helper(_("Add to panel"), name="add_member")

    def clean_assessor(self):
        assessor = self.cleaned_data["assessor"]
        services.check_panel_member(application=self.application, assessor=assessor)
        return assessor


class EvidenceRequestForm(forms.Form):
    answers = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Criteria that need more evidence")
    )
    note = forms.CharField(
        label=_("What the panel would like to see"), widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = application.answers.select_related("criterion")
        self.fields["answers"].label_from_instance = lambda a: localised(a, "title")
        self.helper = _helper(_("Request more evidence"), name="request_evidence")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise ValidationError(_("The due date must be in the future."))
        if due_on > timezone.localdate() + dt.timedelta(days=365):
            raise ValidationError(_("The due date must be within a year."))
        return due_on


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[("awarded", _("Make the award")), ("not_awarded", _("Do not award"))],
    )
    feedback = forms.CharField(label=_("Feedback to the applicant"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.helper = _helper(_("Record decision"), name="decide")

    def clean(self):
        data = super().clean()
        services.check_can_decide(self.application)
        return data


class HolderFilterForm(forms.Form):
    """Validates the region filter; the public listing writes its few fields out by hand."""

    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )


class StaffFilterForm(forms.Form):
    """Validates the staff queue's filters; the page writes its two selects out by hand."""

    stream = forms.ChoiceField(label=_("Stream"), required=False)
    status = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *Application.Status.choices]
    )

    def __init__(self, *args, **kwargs):
        from awards.selectors import stream_choices

        super().__init__(*args, **kwargs)
        self.fields["stream"].choices = [("", _("All streams")), *stream_choices()]
