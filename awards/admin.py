"""Streams, criteria and assessor profiles are managed here; application state moves only
through the awards pages (services), so those records are read-only in the admin."""

from django.contrib import admin

from awards.models import Application, AssessorProfile, Award, Criterion, InterestRegistration, Stream
from awards.selectors import APPLICATIONS_TOPIC, HOLDERS_TOPIC, STREAMS_TOPIC
from sanctuary.figures_cache import figures_changed


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    # Answers point at criteria; retire one by unticking "in use" instead.
    can_delete = False
    fields = ("principle", "title", "description", "guidance", "is_minimum", "order", "is_active")


@admin.register(Stream)
class StreamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "window", "cohort", "cohort_cap", "is_published", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CriterionInline]

    def has_delete_permission(self, request, obj=None):
        # Applications and awards point at streams; unpublish instead.
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Pages cache streams, criteria and lists that name a stream or its award until they
        # change; this is where they do (the change form and the list's editable order both
        # end here).
        figures_changed(STREAMS_TOPIC, HOLDERS_TOPIC, APPLICATIONS_TOPIC)


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "lived_experience")
    list_filter = ("lived_experience",)
    autocomplete_fields = ("user",)


@admin.register(InterestRegistration)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("stream", "organisation", "created_at")
    list_filter = ("stream",)
    list_select_related = ("stream", "organisation")

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "stream", "status", "status_changed_at")
    list_filter = ("status", "stream")
    list_select_related = ("organisation", "stream")


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ("number", "organisation", "stream", "awarded_on", "expires_on", "status")
    list_filter = ("status", "stream")
    list_select_related = ("organisation", "stream")
    search_fields = ("number", "organisation__name")
