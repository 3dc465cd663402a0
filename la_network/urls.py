app_name = "la_network"
urlpatterns: list = []
