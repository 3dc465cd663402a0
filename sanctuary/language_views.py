"""The language of the pages and emails: the header's chooser and the account setting.

Visitors who are not signed in switch with a plain link to the same page in the other language
(``/cy/...``). A signed-in person's switch posts here, so it is remembered on their account
for their emails and their next sign-in; the same view is the account's language page.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sanctuary import services
from sanctuary.i18n import AUTONYMS, url_in


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of pages and emails"),
        choices=[(code, AUTONYMS[code]) for code, _name in settings.LANGUAGES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language."), "invalid_choice": _("Choose a language.")},
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("account_language")


@never_cache
@require_http_methods(["GET", "POST"])
def account_language(request):
    user = request.user
    if request.method == "POST":
        form = LanguageForm(request.POST)
        if form.is_valid():
            language = form.cleaned_data["language"]
            if language != user.preferred_language:
                services.language_preference_set(user=user, language=language, request=request)
            return redirect(url_in(_next_url(request), language))
    else:
        form = LanguageForm(initial={"language": user.preferred_language})
    return render(request, "sanctuary/account_language.html", {"form": form})
