"""Admin: the reference and status only. Personal fields are neither listed, searched nor shown;
case data is read through the app's own pages, which check access and log every read."""

from django.contrib import admin

from returnees.models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "status")
    list_filter = ("status",)
    search_fields = ("reference",)
    fields = ("reference", "status")
    readonly_fields = ("reference", "status")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
