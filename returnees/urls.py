app_name = "returnees"
urlpatterns: list = []
