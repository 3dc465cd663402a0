from django.urls import path

from groups import views

app_name = "groups"

# Fixed paths come before <slug> so they can never be shadowed by a group's address.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("start/", views.group_apply, name="apply"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:pk>/", views.application_decide, name="application_decide"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("digest/", views.digest_preference, name="digest_preference"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/logo/", views.group_logo, name="logo"),
    path("<slug:slug>/contact/", views.group_contact, name="contact"),
    path("<slug:slug>/join/", views.group_join, name="join"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/manage/", views.workspace, name="workspace"),
    path("<slug:slug>/manage/edit/", views.workspace_edit, name="edit"),
    path("<slug:slug>/manage/invite/", views.workspace_invite, name="invite"),
    path("<slug:slug>/manage/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/manage/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/manage/activities/", views.activities, name="activities"),
    path("<slug:slug>/manage/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<slug:slug>/manage/activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("<slug:slug>/manage/pledges/<int:pk>/", views.pledge_decide, name="pledge_decide"),
    path("<slug:slug>/manage/signatories.csv", views.group_signatories_export, name="export"),
]
