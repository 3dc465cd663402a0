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


class MembershipInline(admin.TabularInline):
    """Read-only here: roles change in the lead workspace, where the last-lead rule is kept."""

    model = GroupMembership
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
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
        # local_authorities is a plain many-to-many; the inline is read-only.
        form.instance = Group.objects.get(pk=form.instance.pk)
        form.save_m2m()
        for formset in formsets:
            formset.instance = form.instance
            self.save_formset(request, form, formset, change=change)


@admin.register(GroupApplication)
class GroupApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "decided_by", "decided_at", "group"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "date", "kind", "attendance"]
    list_filter = ["kind"]
    list_select_related = ["group"]


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    """A charter is never edited in place: saving publishes a new version."""

    list_display = ["number", "title", "published_at"]
    fields = ["title", "text", "organisation_pledge"]

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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_type", "region", "group"]
    list_filter = ["org_type", "region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(OrganisationContact)
class OrganisationContactAdmin(admin.ModelAdmin):
    list_display = ["organisation", "user", "job_title"]
    raw_id_fields = ["user", "organisation"]


@admin.register(OrganisationPledge)
class OrganisationPledgeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "decided_by", "decided_at"]
