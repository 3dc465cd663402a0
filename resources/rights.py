"""What the resource library holds about a person (their suggestions), and how it is erased."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from resources.models import Suggestion
from sanctuary import hooks
from sanctuary.rights import DataSection


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    return DataSection(
        key="resources",
        title=_("Resource library"),
        order=70,
        records={
            _("Resources you suggested"): [
                {
                    _("Title"): s.title,
                    _("What you wrote"): s.summary,
                    _("Link"): s.url,
                    _("File"): s.original_name,
                    _("Status"): s.get_status_display(),
                    _("Reason given"): s.decision_reason,
                    _("Sent"): s.created_at,
                }
                for s in Suggestion.objects.filter(suggested_by=user).order_by("pk")
            ]
        },
    )


@hooks.register("account_erase")
def erase(user) -> None:
    """The person's suggestions and their files go; an approved one lives on as the library's own
    resource (a copy staff published), which names nobody."""
    suggestions = Suggestion.objects.filter(suggested_by=user)
    files = [(s.file.storage, s.file.name) for s in suggestions.exclude(file="")]
    suggestions.delete()
    # The files go only if the deletion commits.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
