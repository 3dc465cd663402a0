from django.urls import path

from returnees import views

app_name = "returnees"

case = "cases/<str:reference>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/outcomes.csv", views.statistics_export, name="statistics_export"),
    path("cases/new/", views.case_create, name="case_create"),
    path(case, views.case_detail, name="case_detail"),
    path(case + "edit/", views.case_edit, name="case_edit"),
    path(case + "start-monitoring/", views.case_start_monitoring, name="case_start_monitoring"),
    path(case + "close/", views.case_close, name="case_close"),
    path(case + "withdraw-consent/", views.case_consent_withdraw, name="case_consent_withdraw"),
    path(case + "export/checkins.csv", views.case_export, name="case_export"),
    path(case + "circle/", views.circle, name="circle"),
    path(case + "circle/<int:guardian_id>/remove/", views.circle_remove, name="circle_remove"),
    path(case + "schedule/", views.schedule, name="schedule"),
    path(case + "check-ins/", views.checkin_list, name="checkin_list"),
    path(case + "check-ins/new/", views.checkin_new, name="checkin_new"),
    path(case + "contacts/new/", views.contact_new, name="contact_new"),
    path(case + "country-notes/new/", views.country_note_new, name="country_note_new"),
    path(case + "plan/", views.plan, name="plan"),
    path(case + "plan/new/", views.plan_new, name="plan_new"),
    path(case + "plan/<int:number>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(case + "plan/<int:number>/given/", views.plan_handover, name="plan_handover"),
    path(case + "documents/", views.documents, name="documents"),
    path(case + "documents/<uuid:document_id>/download/", views.document_download, name="document_download"),
    path(
        case + "escalations/<int:escalation_id>/acknowledge/",
        views.escalation_acknowledge,
        name="escalation_acknowledge",
    ),
    path(
        case + "escalations/<int:escalation_id>/resolve/", views.escalation_resolve, name="escalation_resolve"
    ),
]
