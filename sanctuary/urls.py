from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from sanctuary import feeds, invitation_views, language_views, opendata, rights_views, views

# The admin login is allauth's, so its rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "City of Sanctuary administration"

# Files and machine endpoints: one URL whatever the reader's language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("account/my-data.json", rights_views.my_data_download, name="my_data_download"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("feeds/<slug:name>.atom", feeds.feed, name="feed"),
    path("data/datapackage.json", opendata.data_package, name="open_data_package"),
    path("data/<slug:name>.csv", opendata.data_csv, name="open_data_csv"),
    path("data/<slug:name>.json", opendata.data_json, name="open_data_json"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Browsers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    # The JSON API and its document are machine addresses; /api/ explains them.
    path("api/", include("api.urls")),
]

# Pages people read: in English at the paths in DESIGN.md, in Welsh at the same path under /cy/
# (sanctuary/language_views.py explains the choice).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("account/my-data/", rights_views.my_data, name="my_data"),
    path("account/delete/", rights_views.account_delete, name="account_delete"),
    path("account/language/", language_views.account_language, name="account_language"),
    path("status/", views.system_status, name="system_status"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("data/", opendata.data_page, name="open_data"),
    path("staff/invitations/", invitation_views.staff_invitations, name="staff_invitations"),
    path(
        "staff/invitations/<int:pk>/resend/",
        invitation_views.staff_invitation_resend,
        name="staff_invitation_resend",
    ),
    path(
        "staff/invitations/<int:pk>/revoke/",
        invitation_views.staff_invitation_revoke,
        name="staff_invitation_revoke",
    ),
    path("welcome/ready/", invitation_views.staff_onboarding_ready, name="staff_onboarding_ready"),
    path("welcome/<str:token>/", invitation_views.staff_invitation_accept, name="staff_invitation_accept"),
    # allauth's authenticator set-up, which leads an invited person on to the last welcome step.
    path("accounts/2fa/totp/activate/", invitation_views.activate_totp, name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    # Before groups: a group's calendar and event pages live under its address.
    path("", include("events.urls")),
    path("groups/", include("groups.urls")),
    path("charter/", include("groups.charter_urls")),
    path("awards/", include("awards.urls")),
    path("la-network/", include("la_network.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("returnees/", include("returnees.urls")),
    path("resources/", include("resources.urls")),
    prefix_default_language=False,
)
