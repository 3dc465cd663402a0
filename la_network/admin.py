from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from la_network import services
from la_network.models import (
    Application,
    CouncilContact,
    Endorsement,
    LocalAuthority,
    Membership,
    WorkingGroupMember,
)
from sanctuary.admin import ReadOnlyAdmin, ServiceAdmin


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["short_name", "code", "nation", "region", "is_current"]
    list_filter = ["is_current", "nation", "region"]
    search_fields = ["short_name", "official_name", "code", "gss_code"]
    # The register is the source: edit by re-importing, not by hand.
    readonly_fields = [f.name for f in LocalAuthority._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CouncilContact)
class CouncilContactAdmin(ServiceAdmin):
    list_display = ["user", "local_authority", "role", "verified"]
    list_filter = ["verified", "role"]
    search_fields = ["user__email", "local_authority__short_name"]
    raw_id_fields = ["user", "local_authority"]
    readonly_fields = ["verified"]
    actions = ["verify"]

    service_object = "contact"
    save_service = staticmethod(services.council_contact_save)
    delete_service = staticmethod(services.council_contact_remove)

    @admin.action(description=_("Verify: these people act for their council"))
    def verify(self, request, queryset):
        for contact in queryset.filter(verified=False):
            services.council_contact_verify(contact=contact, actor=request.user, request=request)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["local_authority", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["local_authority__short_name"]

    # State changes go through the review pages, which call the services and audit.


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    list_display = ["application", "group", "status", "decided_at"]
    list_filter = ["status"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["local_authority", "starts_on", "ends_on", "status"]
    list_filter = ["status"]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "place", "local_authority", "group", "joined_on", "left_on"]
    list_filter = ["place"]

    # People join and leave through the working group page, which audits each change.
