"""Admin for national staff. Changes of state go through the services, as everywhere else."""

from __future__ import annotations

from django.contrib import admin

from groups import services
from groups.models import (
    Activity,
    CharterSignature,
    CharterVersion,
    Group,
    GroupApplication,
    GroupMembership,
    Organisation,
    OrganisationContact,
    OrganisationPledge,
)
from sanctuary.admin import ReadOnlyAdmin, ServiceAdmin


class MembershipInline(admin.TabularInline):
    """Read-only here: roles change in the lead workspace, where the last-lead rule is kept."""

    model = GroupMembership
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "nation", "region", "founded_on"]
    list_filter = ["status", "nation", "region"]
    search_fields = ["name", "area_served"]
    filter_horizontal = ["local_authorities"]
    inlines = [MembershipInline]
    exclude = ["logo"]

    def has_delete_permission(self, request, obj=None):
        # Members, activities and history hang off a group: close it (its status) instead.
        return False

    def get_readonly_fields(self, request, obj=None):
        # A group's address is stable once published: links to it live in emails and elsewhere.
        return ["slug"] if obj else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name]
            for name in services.GROUP_EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        if change:
            current = Group.objects.get(pk=obj.pk)
            services.group_update(group=current, actor=request.user, data=data)
        else:
            created = services.group_create(actor=request.user, data=data, slug=form.cleaned_data["slug"])
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        # The councils go through their audited service; the inline is read-only.
        form.instance = Group.objects.get(pk=form.instance.pk)
        if "local_authorities" in form.cleaned_data:
            services.group_councils_set(
                group=form.instance,
                councils=form.cleaned_data["local_authorities"],
                actor=request.user,
                request=request,
            )
        for formset in formsets:
            formset.instance = form.instance
            self.save_formset(request, form, formset, change=change)


@admin.register(GroupApplication)
class GroupApplicationAdmin(ReadOnlyAdmin):
    """Applications are decided on the staff pages, which call the services."""

    list_display = ["name", "region", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "date", "kind", "attendance"]
    list_filter = ["kind"]
    list_select_related = ["group"]
    fields = ["group", *services.ACTIVITY_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return ["group"] if obj else []

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name] for name in services.ACTIVITY_FIELDS if name in form.cleaned_data
        }
        if change:
            services.activity_update(activity=obj, actor=request.user, data=data)
        else:
            obj.pk = services.activity_record(
                group=form.cleaned_data["group"], actor=request.user, data=data
            ).pk

    def delete_model(self, request, obj):
        services.activity_delete(activity=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for activity in queryset:
            services.activity_delete(activity=activity, actor=request.user)


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    """A charter is never edited in place: saving publishes a new version."""

    list_display = ["number", "title", "published_at"]
    fields = [("title", "title_cy"), ("text", "text_cy"), ("organisation_pledge", "organisation_pledge_cy")]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        version = services.charter_version_publish(
            actor=request.user,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            organisation_pledge=form.cleaned_data["organisation_pledge"],
            title_cy=form.cleaned_data["title_cy"],
            text_cy=form.cleaned_data["text_cy"],
            organisation_pledge_cy=form.cleaned_data["organisation_pledge_cy"],
        )
        obj.pk = version.pk
        obj.number = version.number


@admin.register(CharterSignature)
class CharterSignatureAdmin(admin.ModelAdmin):
    list_display = ["pk", "region", "group", "created_at", "confirmed_at"]
    list_filter = ["region"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in CharterSignature._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A signer withdraws through their own link; staff never remove a signature by hand.
        return False


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ["name", "org_type", "region", "group"]
    list_filter = ["org_type", "region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    service_object = "organisation"
    save_service = staticmethod(services.organisation_save)
    delete_service = staticmethod(services.organisation_delete)


@admin.register(OrganisationContact)
class OrganisationContactAdmin(ServiceAdmin):
    list_display = ["organisation", "user", "job_title"]
    raw_id_fields = ["user", "organisation"]
    service_object = "contact"
    save_service = staticmethod(services.organisation_contact_save)
    delete_service = staticmethod(services.organisation_contact_remove)


@admin.register(OrganisationPledge)
class OrganisationPledgeAdmin(ReadOnlyAdmin):
    """Pledges are decided on the staff pages, which call the services."""

    list_display = ["organisation", "status", "created_at"]
    list_filter = ["status"]
