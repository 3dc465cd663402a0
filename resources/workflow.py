"""What may be done to a resource and to a suggestion, in each of their states."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from resources.models import Resource, Suggestion
from sanctuary.workflow import Lifecycle, Transition

R = Resource.Status

RESOURCE = Lifecycle(
    "resource",
    states=R,
    model=Resource,
    transitions={
        "edit": Transition([R.PUBLISHED, R.ARCHIVED], None, ""),
        "archive": Transition([R.PUBLISHED], R.ARCHIVED, _("This resource is already archived.")),
        "restore": Transition([R.ARCHIVED], R.PUBLISHED, _("This resource is already published.")),
        # Archive first: a resource is taken off the library before it can be deleted for good.
        "delete": Transition([R.ARCHIVED], None, _("Archive this resource before deleting it.")),
    },
)

S = Suggestion.Status

SUGGESTION = Lifecycle(
    "resource suggestion",
    states=S,
    model=Suggestion,
    transitions={
        "approve": Transition([S.PENDING], S.APPROVED, _("This suggestion has already been decided.")),
        "decline": Transition([S.PENDING], S.DECLINED, _("This suggestion has already been decided.")),
    },
)
