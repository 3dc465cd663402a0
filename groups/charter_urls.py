from django.urls import path

from groups import charter_views

app_name = "charter"

urlpatterns = [
    path("", charter_views.sign, name="sign"),
    path("edit/", charter_views.charter_edit, name="edit"),
    path("thanks/", charter_views.thanks, name="thanks"),
    path("confirm/<str:token>/", charter_views.confirm, name="confirm"),
    path("signature/<str:token>/", charter_views.signature_manage, name="signature"),
    path("organisations/", charter_views.organisations, name="organisations"),
    path("organisations/sign/", charter_views.organisation_sign, name="organisation_sign"),
    path("organisations/pledges/", charter_views.pledge_list, name="pledges"),
    path("organisations/your-pledge/<str:token>/", charter_views.pledge_manage, name="pledge"),
    path("organisations/pledges/<int:pk>/", charter_views.pledge_decide, name="pledge_decide"),
    path("organisations/<slug:slug>/supporter-logo.svg", charter_views.supporter_logo, name="supporter_logo"),
    path("signatories.csv", charter_views.signatories_export, name="export"),
]
