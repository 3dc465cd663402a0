"""The signed-in person's own data: see it, download it, delete the account (issue 18)."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanctuary import hooks, services
from sanctuary.audit import access_record
from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused
from sanctuary.rights import DataSection, as_json


def personal_data(user) -> list[DataSection]:
    """Every app's section of the person's data, in page order."""
    found = [section for provider in hooks.providers("personal_data") if (section := provider(user))]
    return sorted(found, key=lambda section: section.order)


@never_cache
@require_safe
def my_data(request):
    """Everything the platform holds about the signed-in person, readable."""
    return render(request, "sanctuary/my_data.html", {"sections": personal_data(request.user)})


@reauthentication_required
@require_safe
def my_data_download(request):
    """The same, as a JSON file. An export: re-authentication first, logged, never cached."""
    sections = personal_data(request.user)
    access_record(request=request, kind="export", obj=request.user)
    response = JsonResponse(
        {
            "exported_at": timezone.now().isoformat(timespec="seconds"),
            "sections": {section.key: as_json(section) for section in sections},
        },
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Content-Disposition"] = content_disposition_header(True, "my-data.json")
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@reauthentication_required
def account_delete(request):
    """Explain what deletion does (or what must happen first), confirm, then delete."""
    blockers = services.account_deletion_blockers(user=request.user)
    if request.method == "POST" and not blockers:
        if response := confirmation_required(
            request,
            title=_("Delete your account?"),
            consequence=_(
                "Your account and everything that names you will be deleted or blanked. "
                "This cannot be undone."
            ),
            confirm_label=_("Yes, delete my account"),
            cancel_url=reverse("account_delete"),
        ):
            return response
        try:
            services.account_delete(user=request.user, request=request)
        except Refused as exc:  # something changed since the page was shown
            blockers = exc.messages
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("home")
    return render(request, "sanctuary/account_delete.html", {"blockers": blockers})
