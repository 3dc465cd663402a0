from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from sanctuary.models import Role, User

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


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds email and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How you will appear to the groups and people you work with."),
    )

    def signup(self, request, user) -> None:
        """Nothing left to do: the adapter passed the name to ``services.account_sign_up``."""


class StaffInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    # No role is chosen for the inviter: a wrong default would grant a role nobody meant.
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the role this person will have.")},
    )
    lived_experience = forms.BooleanField(
        label=_("This assessor has lived experience of seeking sanctuary"),
        required=False,
        help_text=_("Assessors only. Every award panel needs at least one member with lived experience."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lived_experience") and cleaned.get("role") not in (None, Role.ASSESSOR):
            self.add_error(
                "lived_experience", _("Only assessors sit on award panels: untick this for any other role.")
            )
        return cleaned


class InvitationSignUpForm(forms.Form):
    """Step 1 for an invited person without an account: their name and their own password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How you will appear to the people you work with."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few unrelated words make a strong password."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            # Judged against the account it will protect (not too like the name or address).
            person = User(email=self.email, display_name=cleaned.get("display_name", ""))
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
