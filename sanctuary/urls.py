from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from sanctuary import views

# The admin login is allauth's, so its rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "City of Sanctuary administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("status/", views.system_status, name="system_status"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("groups/", include("groups.urls")),
    path("charter/", include("groups.charter_urls")),
    path("awards/", include("awards.urls")),
    path("la-network/", include("la_network.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("returnees/", include("returnees.urls")),
]
