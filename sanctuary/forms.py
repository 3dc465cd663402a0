from django import forms
from django.utils.translation import gettext_lazy as _

CHOOSE = _("Choose…")


class RequiredChoiceField(forms.ChoiceField):
    """A choice the person must make: an empty "Choose…" option comes first, so nothing is picked
    for them (a pre-selected first option is submitted untouched), and leaving it empty gets
    ``message`` beside the field."""

    def __init__(self, *, choices, message: str, **kwargs):
        kwargs.setdefault("error_messages", {})["required"] = message
        super().__init__(choices=[("", CHOOSE), *choices], required=True, **kwargs)


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds email and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How you will appear to the groups and people you work with."),
    )

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
