from django.urls import path

from events import views

app_name = "events"

# Mounted at the site root: the public pages under /events/, and a group's calendar and its
# leads' pages under the group's own address.
urlpatterns = [
    path("events/", views.whats_on, name="whats_on"),
    path("events/calendar.ics", views.network_calendar, name="calendar"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/event.ics", views.event_ics, name="detail_ics"),
    path("groups/<slug:slug>/events.ics", views.group_calendar, name="group_calendar"),
    path("groups/<slug:slug>/manage/events/", views.manage, name="manage"),
    path("groups/<slug:slug>/manage/events/new/", views.event_create, name="create"),
    path("groups/<slug:slug>/manage/events/<int:pk>/edit/", views.event_edit, name="edit"),
    path("groups/<slug:slug>/manage/events/<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("groups/<slug:slug>/manage/events/<int:pk>/record/", views.event_record, name="record"),
]
