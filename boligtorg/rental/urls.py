from django.urls import URLPattern

app_name = "rental"

urlpatterns: list[URLPattern] = []
