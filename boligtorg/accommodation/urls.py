from django.urls import URLPattern

app_name = "accommodation"

urlpatterns: list[URLPattern] = []
