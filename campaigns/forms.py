from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import schema
from campaigns.models import ActionType, Campaign, PledgeSignature
from campaigns.selectors import led_groups
from geography.forms import PostcodeField
from geography.selectors import all_constituencies, constituencies_with_mp
from groups.models import Group
from sanctuary.forms import must_choose
from sanctuary.geography import Region
from sanctuary.i18n import localised
from sanctuary.uploads import IMAGE, SafeFileField
from sanctuary.widgets import DateInput, PlainSelect

DETAIL_PREFIX = "detail_"
OUTCOME_PREFIX = "outcome_"


class ActionForm(forms.Form):
    """The log form for one action type; the type's own detail fields sit in the middle."""

    done_on = forms.DateField(
        label=_("When did you do it?"),
        widget=DateInput(),
        validators=[schema.not_in_future],
    )
    place = forms.CharField(
        label=_("Where: postcode district or town"),
        max_length=80,
        required=False,
        help_text=_("For example LS6 or Riverton. Please do not give a full address."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    region = must_choose(
        forms.ChoiceField(label=_("Nation or region"), choices=Region.choices),
        _("Choose the nation or region where you did it."),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=_("A post, article or photo album about it."),
    )
    photo = SafeFileField(
        label=_("Photo (optional)"),
        required=False,
        kinds=(IMAGE,),
        help_text=_("JPEG, PNG or WebP. Location data is removed."),
    )
    is_public = forms.BooleanField(
        label=_("I am happy for this to be shown publicly on the campaign page"),
        required=False,
        help_text=_(
            "Shown with your first name (or your group), the type of action, the place, the link and "
            "the photo. The other details stay private."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Log on behalf of your group"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=_("No, this was my own action"),
    )

    def __init__(self, *args, action_type: ActionType, user, constituency_options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action_type = action_type
        # Most people log an action on the day they did it.
        self.fields["done_on"].initial = timezone.localdate
        self.details_definitions = action_type.detail_fields or []
        groups = led_groups(user).order_by("name")
        if groups.exists():
            self.fields["group"].queryset = groups
        else:
            del self.fields["group"]
        # Put the type's own questions after "where", before the optional extras.
        ordered = ["done_on", "place", "region"]
        for definition in self.details_definitions:
            name = DETAIL_PREFIX + definition["name"]
            self.fields[name] = schema.form_field(definition)
            ordered.append(name)
        if DETAIL_PREFIX + "constituency" in self.fields:
            self._add_constituency_choice(constituency_options)
            ordered.insert(ordered.index(DETAIL_PREFIX + "constituency"), "constituency_code")
        self.order_fields(ordered)

    def _add_constituency_choice(self, options) -> None:
        """The constituency from the geography register: offered as the postcode lookup found it
        (one, or a choice when an outward code spans several), or the whole list to choose from."""
        if options:
            choices = [
                (c.code, f"{c.name} ({c.current_mp.name})" if c.current_mp else c.name) for c in options
            ]
            widget = forms.RadioSelect
        else:
            choices = [("", _("Choose from the list")), *all_constituencies()]
            widget = PlainSelect
        self.fields["constituency_code"] = forms.ChoiceField(
            label=_("Your Westminster seat, from our list"),
            choices=choices,
            required=False,
            widget=widget,
            help_text=_("Chosen here, the constituency and its MP are filled in for you."),
        )
        if self.is_bound and self.data.get("constituency_code"):
            # The register fills these in from the constituency chosen (see clean).
            for name in ("constituency", "recipient"):
                if DETAIL_PREFIX + name in self.fields:
                    self.fields[DETAIL_PREFIX + name].required = False

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("constituency_code")
        if code:
            constituency = constituencies_with_mp([code])[0]
            cleaned[DETAIL_PREFIX + "constituency"] = constituency.name
            recipient = DETAIL_PREFIX + "recipient"
            if recipient in self.fields and not cleaned.get(recipient) and constituency.current_mp:
                cleaned[recipient] = constituency.current_mp.name
            if recipient in self.fields and not cleaned.get(recipient):
                self.add_error(recipient, _("Enter the name of the person you wrote to."))
        return cleaned

    def cleaned_details(self) -> dict:
        return {
            d["name"]: value
            for d in self.details_definitions
            if (value := schema.to_json(d, self.cleaned_data.get(DETAIL_PREFIX + d["name"]))) is not None
        }

    def action_values(self) -> dict:
        """What ``action_log`` and ``action_update`` take from this form."""
        data = self.cleaned_data
        return {
            "done_on": data["done_on"],
            "place": data["place"],
            "region": data["region"],
            "details": self.cleaned_details(),
            "link": data["link"],
            "photo": data["photo"] or None,
            "is_public": data["is_public"],
            "group": data.get("group"),
            "constituency_code": data.get("constituency_code") or "",
        }


class OutcomeForm(forms.Form):
    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.definitions = action.action_type.outcome_fields or []
        for definition in self.definitions:
            self.fields[OUTCOME_PREFIX + definition["name"]] = schema.form_field(definition)
        if action.outcome:
            self.initial.update({OUTCOME_PREFIX + k: v for k, v in action.outcome.items()})

    def clean(self):
        cleaned = super().clean()
        for definition in self.definitions:
            name = OUTCOME_PREFIX + definition["name"]
            value = cleaned.get(name)
            if definition["kind"] == "date" and value and value < self.action.done_on:
                self.add_error(name, _("This date is before the action itself."))
        return cleaned

    def cleaned_outcome(self) -> dict:
        return {
            d["name"]: value
            for d in self.definitions
            if (value := schema.to_json(d, self.cleaned_data.get(OUTCOME_PREFIX + d["name"]))) is not None
        }


class PledgeForm(forms.ModelForm):
    class Meta:
        model = PledgeSignature
        fields = ["name", "email", "town"]
        labels = {"town": _("Town (optional)")}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def validate_unique(self):
        # A repeat signature is handled quietly by the service, so the page never reveals
        # whether an address has already signed.
        pass


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Choices read with one ordinary query. Django's own iterator streams them through a
    server-side cursor (three round trips) and counts them with another query; for a few
    hundred short rows a plain list is cheaper."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # evaluated once, then read from the queryset's cache
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.queryset) + (self.field.empty_label is not None)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator
    widget = PlainSelect


class DashboardFilterForm(forms.Form):
    campaign = ListedModelChoiceField(
        label=_("Campaign"),
        queryset=Campaign.objects.only("pk", "title", "title_cy"),
        required=False,
        empty_label=_("All campaigns"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    action_type = ListedModelChoiceField(
        label=_("Type of action"),
        queryset=ActionType.objects.only("pk", "name", "name_cy"),
        required=False,
        empty_label=_("All types"),
    )
    region = forms.ChoiceField(
        label=_("Nation or region"),
        required=False,
        choices=[("", _("Everywhere")), *Region.choices],
        widget=PlainSelect,
    )
    group = ListedModelChoiceField(
        label=_("Group"),
        queryset=Group.objects.only("pk", "name").order_by("name"),
        required=False,
        empty_label=_("All groups and individuals"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].label_from_instance = lambda campaign: localised(campaign, "title")
        self.fields["action_type"].label_from_instance = lambda action_type: localised(action_type, "name")
        # Bootstrap's classes, as crispy would add them (the template draws these fields itself).
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


class ProgressForm(forms.Form):
    step = forms.CharField(max_length=30)
    ticked = forms.BooleanField(required=False)


class ConfirmForm(forms.Form):
    """An empty form: the confirming button of a link opened from an email."""


class MPLookupForm(forms.Form):
    """Find your constituency and MP from your postcode (a GET form beside the action form)."""

    postcode = PostcodeField(label=_("Your postcode"))
