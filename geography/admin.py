from django.contrib import admin

from geography.models import MP, Constituency, Postcode
from sanctuary.admin import ReadOnlyAdmin


@admin.register(Constituency)
class ConstituencyAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "nation"]
    search_fields = ["name", "code"]
    list_filter = ["nation"]


@admin.register(MP)
class MPAdmin(ReadOnlyAdmin):
    list_display = ["name", "party", "constituency", "from_date", "to_date"]
    search_fields = ["name", "constituency__name"]
    list_select_related = ["constituency"]


@admin.register(Postcode)
class PostcodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "council_gss", "constituency_code", "latitude", "longitude"]
    search_fields = ["code"]
    show_full_result_count = False
