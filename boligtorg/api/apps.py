from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "boligtorg.api"
    label = "api"
