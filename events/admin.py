from django.contrib import admin

from events.models import Event
from sanctuary.admin import ReadOnlyAdmin


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Events are published, changed and cancelled by the group's leads (national staff can use
    any group's pages): through the audited services, never here."""

    list_display = ["title", "group", "starts_at", "status", "sequence", "activity_recorded_at"]
    list_filter = ["status"]
    list_select_related = ["group"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "starts_at"
