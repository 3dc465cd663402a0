from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from sanctuary import services
from sanctuary.models import (
    AccessLog,
    AuditEvent,
    OutboundEmail,
    PrivacyNoticeVersion,
    ReminderLog,
    RoleAssignment,
    SweepRun,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    """Roles are edited here, but saved by ``UserAdmin.save_formset`` through the services."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["email", "display_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        services.account_admin_save(user=obj, changed=form.changed_data, actor=request.user, request=request)

    def has_delete_permission(self, request, obj=None):
        # Deleting an account erases personal data across the apps: that is a service of its
        # own with its checks, not a row deletion here.
        return False

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        self._save_roles(request, form.instance, formset)
        return None

    def _save_roles(self, request, user, formset) -> None:
        """Every role change made in the inline goes through ``role_grant`` / ``role_revoke``, so
        each is audited with the admin who made it. The admin's change message is built from
        the same lists ``formset.save()`` would have filled."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        deleted = set(formset.deleted_forms)
        for inline in formset.initial_forms:
            # The form has already written its cleaned data onto the instance: the role held
            # until now is the form's initial value.
            held = inline.initial.get("role")
            if inline in deleted:
                services.role_revoke(user=user, role=held, actor=request.user, request=request)
                formset.deleted_objects.append(inline.instance)
            elif inline.has_changed() and inline.cleaned_data.get("role") not in (None, held):
                services.role_revoke(user=user, role=held, actor=request.user, request=request)
                assignment = services.role_grant(
                    user=user, role=inline.cleaned_data["role"], actor=request.user, request=request
                )
                formset.changed_objects.append((assignment, ["role"]))
        for inline in formset.extra_forms:
            if inline in deleted or not inline.has_changed() or not inline.cleaned_data.get("role"):
                continue
            assignment = services.role_grant(
                user=user, role=inline.cleaned_data["role"], actor=request.user, request=request
            )
            formset.new_objects.append(assignment)


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose saves and deletes go through the app's audited services.

    ``save_service`` and ``delete_service`` are called as ``service(<service_object>=obj,
    actor=..., request=...)``; without a ``delete_service`` nothing can be deleted here.
    """

    service_object: str
    save_service = None
    delete_service = None

    def _call(self, service, request, obj):
        return service(**{self.service_object: obj}, actor=request.user, request=request)

    def save_model(self, request, obj, form, change):
        self._call(self.save_service, request, obj)

    def delete_model(self, request, obj):
        self._call(self.delete_service, request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._call(self.delete_service, request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.delete_service is not None and super().has_delete_permission(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown to staff, never changed here: logs are evidence, and records whose state moves
    through the apps' pages change only through their audited services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "kind", "object_type", "object_id", "view_name"]
    list_filter = ["kind", "object_type"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "rule", "object_type", "object_id", "reference_date"]
    list_filter = ["rule"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    exclude = ["body_text", "body_html"]


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started_at", "last_finished_at"]


@admin.register(PrivacyNoticeVersion)
class PrivacyNoticeVersionAdmin(admin.ModelAdmin):
    """The notice is never edited in place: saving publishes a new version (audited), which
    starts from the current text."""

    list_display = ["number", "published_at", "published_by", "summary_of_changes"]
    fields = ["text", "summary_of_changes"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        current = services.privacy_notice_current()
        return {"text": current.text} if current else {}

    def save_model(self, request, obj, form, change):
        version = services.privacy_notice_publish(
            actor=request.user,
            text=form.cleaned_data["text"],
            summary_of_changes=form.cleaned_data["summary_of_changes"],
        )
        obj.pk = version.pk
        obj.number = version.number
