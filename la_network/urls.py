from django.urls import path

from la_network import views

app_name = "la_network"
urlpatterns = [
    path("", views.register, name="register"),
    path("members.csv", views.members_csv, name="members_csv"),
    path("members.json", views.members_json, name="members_json"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/check/", views.application_check, name="application_check"),
    path(
        "applications/<int:pk>/documents/<slug:kind>/",
        views.application_document,
        name="application_document",
    ),
    path("applications/<int:pk>/<slug:section>/", views.application_section, name="application_section"),
    path("endorsements/", views.endorsements, name="endorsements"),
    path("endorsements/<int:pk>/", views.endorsement, name="endorsement"),
    path("memberships/<int:pk>/renew/", views.membership_renew, name="membership_renew"),
    path("memberships/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("memberships/<int:pk>/logo/", views.logo, name="logo"),
    path("network/", views.network, name="network"),
    path("working-group/", views.working_group, name="working_group"),
    path("working-group/<int:pk>/leave/", views.working_group_leave, name="working_group_leave"),
    path("staff/", views.staff_dashboard, name="staff_dashboard"),
    path("staff/applications/", views.review_list, name="review_list"),
    path("staff/applications/<int:pk>/", views.review, name="review"),
    path("staff/applications/<int:pk>/decide/", views.review_decide, name="review_decide"),
]
