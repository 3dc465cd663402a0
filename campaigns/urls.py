from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.index, name="index"),
    path("progress/", views.progress, name="progress"),
    path("mine/", views.mine, name="mine"),
    path("mine/preferences/", views.preferences, name="preferences"),
    path("guidance/", views.guidance, name="guidance"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/actions.csv", views.export, name="export"),
    path("groups/<slug:slug>/", views.group_figures, name="group_figures"),
    path("outcome/<str:token>/", views.outcome, name="outcome"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("pledge/confirm/<str:token>/", views.pledge_confirm, name="pledge_confirm"),
    path("pledge/yours/<str:token>/", views.pledge_manage, name="pledge_manage"),
    path("actions/<int:pk>/photo/", views.photo, name="photo"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/act/", views.act, name="act"),
    path("<slug:slug>/pledge/", views.pledge, name="pledge"),
]
