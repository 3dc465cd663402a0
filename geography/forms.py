from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from geography.postcodes import postcode_parse

BAD_POSTCODE = _("Enter a UK postcode such as AB10 1AB, or just its first half such as AB10.")


class PostcodeField(forms.CharField):
    """A full postcode or an outward code, returned in standard form ("AB10 1AB" or "AB10")."""

    default_error_messages = {"invalid": BAD_POSTCODE}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("label", _("Postcode"))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")
        self.widget.attrs.setdefault("class", "form-control")

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return ""
        parsed = postcode_parse(text)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed.text


class NearMeForm(forms.Form):
    """The "near me" search of the group directory and the council register (GET)."""

    postcode = PostcodeField(label=_("Your postcode"), required=True)
    council = forms.CharField(required=False, max_length=9)
