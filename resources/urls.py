from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="library"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/file/", views.download, name="download"),
    path("suggest/", views.suggest, name="suggest"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/archive/", views.staff_archive, name="staff_archive"),
    path("staff/<int:pk>/restore/", views.staff_restore, name="staff_restore"),
    path("staff/<int:pk>/delete/", views.staff_delete, name="staff_delete"),
    path("staff/links/", views.broken_links, name="broken_links"),
    path("staff/suggestions/", views.suggestion_list, name="suggestions"),
    path("staff/suggestions/<int:pk>/", views.suggestion_review, name="suggestion"),
    path("staff/suggestions/<int:pk>/file/", views.suggestion_file, name="suggestion_file"),
    path("staff/suggestions/<int:pk>/decline/", views.suggestion_decline, name="suggestion_decline"),
]
