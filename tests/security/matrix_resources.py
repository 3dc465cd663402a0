"""Matrix entries for the resource library."""

from tests.security.matrix import PUBLIC, SIGNED_IN, Entry, roles

STAFF = roles("national_staff")
LEADS = roles("lead_this", "lead_other")


def _resource(s):
    return {"pk": s.resource.pk}


def _members(s):
    return {"pk": s.members_resource.pk}


def _archived(s):
    return {"pk": s.archived_resource.pk}


MATRIX = {
    "resources:library": Entry(lambda s: {}, PUBLIC),
    # A members-only resource (and its file) does not exist for a visitor.
    "resources:detail": Entry(_members, SIGNED_IN, anonymous="404"),
    "resources:download": Entry(_members, SIGNED_IN, anonymous="404"),
    "resources:suggest": Entry(lambda s: {}, LEADS),
    "resources:staff_list": Entry(lambda s: {}, STAFF),
    "resources:staff_create": Entry(lambda s: {}, STAFF),
    "resources:staff_edit": Entry(_resource, STAFF),
    "resources:staff_archive": Entry(_resource, STAFF),
    "resources:staff_restore": Entry(_archived, STAFF, post_only=True),
    "resources:staff_delete": Entry(_archived, STAFF),
    "resources:broken_links": Entry(lambda s: {}, STAFF),
    "resources:suggestions": Entry(lambda s: {}, STAFF),
    "resources:suggestion": Entry(lambda s: {"pk": s.suggestion.pk}, STAFF),
    "resources:suggestion_file": Entry(lambda s: {"pk": s.suggestion.pk}, STAFF),
    "resources:suggestion_decline": Entry(lambda s: {"pk": s.suggestion.pk}, STAFF, post_only=True),
}
