"""Streams, criteria and assessor profiles are managed here; application state moves only
through the awards pages (services), so those records are read-only in the admin."""

from django.contrib import admin

from awards import services
from awards.models import Application, AssessorProfile, Award, Criterion, InterestRegistration, Stream
from sanctuary.admin import ReadOnlyAdmin


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    # Answers point at criteria; retire one by unticking "in use" instead.
    can_delete = False
    # Each Welsh field on the row of its English one.
    fields = (
        "principle",
        ("title", "title_cy"),
        ("description", "description_cy"),
        ("guidance", "guidance_cy"),
        "is_minimum",
        "order",
        "is_active",
    )


@admin.register(Stream)
class StreamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "window", "cohort", "cohort_cap", "is_published", "order")
    list_editable = ("order",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CriterionInline]

    def has_delete_permission(self, request, obj=None):
        # Applications and awards point at streams; unpublish instead.
        return False

    def save_model(self, request, obj, form, change):
        services.stream_save(stream=obj, actor=request.user, request=request)

    def save_formset(self, request, form, formset, change):
        # Criteria are saved one by one through the service (the inline cannot delete them).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.forms:
            if not inline.has_changed() or not inline.cleaned_data:
                continue
            criterion = inline.save(commit=False)
            adding = criterion._state.adding
            services.criterion_save(criterion=criterion, actor=request.user, request=request)
            if adding:
                formset.new_objects.append(criterion)
            else:
                formset.changed_objects.append((criterion, inline.changed_data))


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "lived_experience")
    list_filter = ("lived_experience",)
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        services.assessor_profile_set(
            user=obj.user, lived_experience=obj.lived_experience, actor=request.user, request=request
        )

    def has_delete_permission(self, request, obj=None):
        # Panels are judged on the flag: change it rather than losing the record.
        return False


@admin.register(InterestRegistration)
class InterestAdmin(ReadOnlyAdmin):
    list_display = ("stream", "organisation", "created_at")
    list_filter = ("stream",)
    list_select_related = ("stream", "organisation")


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
