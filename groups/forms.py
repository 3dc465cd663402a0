from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from geography.forms import PostcodeField
from groups.models import Activity, Group, GroupApplication, GroupMembership, Organisation
from la_network.models import LocalAuthority
from sanctuary.forms import must_choose
from sanctuary.geography import REGION_NATION, Region
from sanctuary.uploads import IMAGE, SafeFileField
from sanctuary.widgets import DateInput

# The shape of a UK postcode (outward code, optional space, inward code); GIR 0AA is Girobank's.
POSTCODE_RE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")
TOWN_RE = re.compile(r"^[^\W\d_][\w .,'()-]*$")


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    if not POSTCODE_RE.match(compact):
        raise ValidationError(_("Enter a UK postcode, such as SW1A 1AA."), code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def clean_place(value: str) -> str:
    """A postcode (anything with a digit must look like one) or the name of a town."""
    value = " ".join(value.split())
    if any(ch.isdigit() for ch in value):
        try:
            return normalise_postcode(value)
        except ValidationError:
            raise ValidationError(
                _(
                    "That does not look like a UK postcode. Enter a postcode such as SW1A 1AA, or the name "
                    "of your town."
                ),
                code="postcode",
            ) from None
    if not TOWN_RE.match(value):
        raise ValidationError(_("Enter your postcode or the name of your town."), code="place")
    return value


def _check_region_nation(cleaned: dict, form: forms.Form) -> None:
    region, nation = cleaned.get("region"), cleaned.get("nation")
    if region and nation and REGION_NATION.get(region) != nation:
        form.add_error("region", _("This region is not in the nation you chose."))


class GroupApplicationForm(forms.ModelForm):
    accept_guidelines = forms.BooleanField(
        label=_("I have read and accept the network's guidelines for member groups"),
        error_messages={"required": _("You need to accept the guidelines for member groups to apply.")},
    )

    class Meta:
        model = GroupApplication
        fields = ["name", "area_served", "nation", "region", "why", "who_involved"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 4}),
            "who_involved": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        must_choose(self.fields["nation"], _("Choose the nation the group would be in."))
        must_choose(self.fields["region"], _("Choose the region the group would be in."))

    def clean(self):
        cleaned = super().clean()
        _check_region_nation(cleaned, self)
        return cleaned


class CharterVersionForm(forms.Form):
    """A new version's words, each Welsh field after its English one; Welsh left empty shows the
    English on Welsh pages."""

    title = forms.CharField(label=_("Title"), max_length=200)
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200, required=False)
    text = forms.CharField(label=_("Charter text"), widget=forms.Textarea(attrs={"rows": 12}))
    text_cy = forms.CharField(
        label=_("Charter text in Welsh"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    organisation_pledge = forms.CharField(
        label=_("Organisation pledge"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    organisation_pledge_cy = forms.CharField(
        label=_("Organisation pledge in Welsh"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or decline.")},
    )
    reason = forms.CharField(
        label=_("Reason (needed to decline)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason so the applicant knows why."))
        return cleaned


class GroupEditForm(forms.ModelForm):
    logo = SafeFileField(label=_("Logo (PNG, JPEG or WebP)"), kinds=(IMAGE,), required=False)
    postcode = PostcodeField(
        label=_("Postcode where the group meets (optional)"),
        required=False,
        help_text=_(
            "A public meeting place, or just the first half (for example AB10): "
            "used to find groups near a visitor."
        ),
    )
    local_authorities = forms.ModelMultipleChoiceField(
        label=_("Local authorities covered"),
        queryset=LocalAuthority.objects.filter(is_current=True).order_by("short_name"),
        required=False,
    )

    class Meta:
        model = Group
        fields = [
            "name",
            "area_served",
            "nation",
            "region",
            "description",
            "website",
            "facebook_url",
            "instagram_url",
            "other_social_url",
            "status",
            "founded_on",
            "postcode",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "founded_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["local_authorities"] = list(
                self.instance.local_authorities.values_list("pk", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        _check_region_nation(cleaned, self)
        return cleaned


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your email address"))
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = must_choose(
        forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices),
        _("Choose whether they join as a member or as a lead."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["date", "kind", "title", "description", "attendance", "lived_experience"]
        widgets = {
            "date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        must_choose(self.fields["kind"], _("Choose the type of activity."))

    def clean(self):
        cleaned = super().clean()
        attendance, lived = cleaned.get("attendance"), cleaned.get("lived_experience")
        if attendance is not None and lived is not None and lived > attendance > 0:
            self.add_error("lived_experience", _("This cannot be more than the number of people attending."))
        return cleaned


class SignatureForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    place = forms.CharField(label=_("Postcode or town"), max_length=100)
    postcode = PostcodeField(
        label=_("Your postcode (optional)"),
        required=False,
        help_text=_("Counted in your council's and constituency's figures; never shown publicly."),
    )
    region = forms.ChoiceField(
        label=_("Where you live (optional)"), choices=[("", "---------"), *Region.choices], required=False
    )
    group = forms.ModelChoiceField(
        label=_("Local group to link your signature to (optional)"),
        queryset=Group.objects.exclude(status=Group.Status.CLOSED).order_by("name"),
        required=False,
    )
    agree = forms.BooleanField(
        label=_("I support the City of Sanctuary charter"),
        error_messages={"required": _("Tick this box to sign the charter.")},
    )
    consent_group_contact = forms.BooleanField(
        label=_("My local group may contact me about its work"), required=False
    )
    consent_public_name = forms.BooleanField(label=_("Show my name as a supporter"), required=False)

    def clean_place(self):
        return clean_place(self.cleaned_data["place"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_group_contact") and not cleaned.get("group"):
            self.add_error("group", _("Choose the local group that may contact you, or untick that choice."))
        return cleaned


class OrganisationPledgeForm(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    org_type = must_choose(
        forms.ChoiceField(label=_("Type of organisation"), choices=Organisation.Type.choices),
        _("Choose the type of organisation."),
    )
    website = forms.URLField(label=_("Website"), required=False)
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    region = must_choose(
        forms.ChoiceField(label=_("Region"), choices=Region.choices),
        _("Choose the nation or region the organisation is in."),
    )
    size_band = must_choose(
        forms.ChoiceField(label=_("Size"), choices=Organisation.Size.choices),
        _("Choose how many people the organisation has."),
    )
    group = forms.ModelChoiceField(
        label=_("Local group (optional)"),
        queryset=Group.objects.exclude(status=Group.Status.CLOSED).order_by("name"),
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact email address"))
    agree = forms.BooleanField(
        label=_("We commit to the organisation pledge"),
        error_messages={"required": _("Tick this box to sign the pledge.")},
    )

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class SignatureConsentForm(forms.Form):
    consent_public_name = forms.BooleanField(
        label=_("Show my name publicly on the charter page"),
        required=False,
        help_text=_("Your email address and town are never shown."),
    )


class DigestPreferenceForm(forms.Form):
    weekly_digest = forms.BooleanField(
        label=_("Email me a weekly digest of the groups I lead"),
        help_text=_("New charter signatures and members each week. Other emails are not affected."),
        required=False,
    )
