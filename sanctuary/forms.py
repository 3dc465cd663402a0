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
        """Nothing left to do: the adapter passed the name to ``services.account_sign_up``."""
