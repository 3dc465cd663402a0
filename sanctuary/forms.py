from django import forms
from django.utils.translation import gettext_lazy as _


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


# The empty first option of a choice the person must make themselves.
CHOOSE = _("Choose…")


def must_choose(field: forms.ChoiceField, message: str) -> forms.ChoiceField:
    """Make ``field`` a choice nobody makes by accident: it starts on an empty "Choose…" option
    (never on the first real one, nor on a model's default) and, left there, says ``message``
    beside the field. Returns the field, so it can be used where the field is declared."""
    if isinstance(field, forms.ModelChoiceField):
        field.empty_label = CHOOSE
    else:
        field.choices = [("", CHOOSE), *[(v, label) for v, label in field.choices if v not in ("", None)]]
    field.initial = None
    field.required = True
    field.error_messages = {**field.error_messages, "required": message}
    return field
