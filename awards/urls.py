from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("", views.index, name="index"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("apply/<slug:slug>/", views.apply_start, name="apply"),
    path("apply/<slug:slug>/interest/", views.interest, name="interest"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/criteria/<int:criterion_id>/", views.answer_edit, name="answer"),
    path("applications/<int:pk>/evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path(
        "applications/<int:pk>/evidence/<int:evidence_id>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path("applications/<int:pk>/commitments/", views.commitments_edit, name="commitments"),
    path("applications/<int:pk>/check/", views.application_check, name="check"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("my-awards/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("my-awards/<int:pk>/logo/", views.logo, name="logo"),
    path("my-awards/<int:pk>/reaccredit/", views.reaccredit, name="reaccredit"),
    path("endorsements/<int:pk>/", views.endorsement, name="endorsement"),
    path("review/", views.review_list, name="review_list"),
    path("review/<int:pk>/", views.review, name="review"),
    path("staff/", views.staff_overview, name="staff_overview"),
    path("staff/applications/", views.staff_applications, name="staff_applications"),
    path("staff/applications.csv", views.staff_export, name="staff_export"),
    path("staff/applications/<int:pk>/", views.staff_application, name="staff_application"),
    path("<slug:slug>/", views.stream_detail, name="stream"),
]
