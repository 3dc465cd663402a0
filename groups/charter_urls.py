app_name = "charter"
urlpatterns: list = []
