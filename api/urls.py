from django.urls import path

from api import views

app_name = "api"

# Every list and item comes from the ``api_endpoints`` hook (api/endpoints.py): a new list needs
# no URL of its own. The document's fixed path comes first so no list can shadow it.
urlpatterns = [
    path("", views.index, name="index"),
    path("v1/openapi.json", views.openapi_document, name="openapi"),
    path("v1/<slug:name>/", views.endpoint_list, name="list"),
    path("v1/<slug:name>/<str:key>/", views.endpoint_detail, name="detail"),
]
