"""Matrix entries for events: the public pages and calendars, and a group's event pages for its
leads (and national staff)."""

from tests.security.matrix import PUBLIC, Entry, roles

LEAD = roles("lead_this", "national_staff")


def _slug(s):
    return {"slug": s.group.slug}


def _event(s):
    return {"slug": s.group.slug, "pk": s.event.pk}


MATRIX = {
    "events:whats_on": Entry(lambda s: {}, PUBLIC),
    "events:calendar": Entry(lambda s: {}, PUBLIC),
    "events:detail": Entry(lambda s: {"pk": s.event.pk}, PUBLIC),
    "events:detail_ics": Entry(lambda s: {"pk": s.event.pk}, PUBLIC),
    "events:group_calendar": Entry(_slug, PUBLIC),
    "events:manage": Entry(_slug, LEAD, record=True),
    "events:create": Entry(_slug, LEAD, record=True),
    "events:edit": Entry(_event, LEAD, record=True),
    # GET shows the confirmation page (sanctuary.confirm), as a POST without confirmed=yes does.
    "events:cancel": Entry(_event, LEAD, record=True),
    "events:record": Entry(lambda s: {"slug": s.group.slug, "pk": s.ended_event.pk}, LEAD, record=True),
}
