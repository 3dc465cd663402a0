from django.contrib import admin

from resources import services
from resources.models import Resource, Suggestion, Topic
from sanctuary.admin import ReadOnlyAdmin, ServiceAdmin


@admin.register(Topic)
class TopicAdmin(ServiceAdmin):
    """The curated topic list: saved and deleted through the audited services."""

    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    service_object = "topic"
    save_service = staticmethod(services.topic_save)
    delete_service = staticmethod(services.topic_delete)


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    """Resources are curated on the staff pages (/resources/staff/), which keep file and link rules."""

    list_display = ["title", "audience", "status", "review_by", "link_status", "link_broken_since"]
    list_filter = ["status", "audience"]
    search_fields = ["title"]


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "created_at", "decided_at"]
    list_filter = ["status"]
