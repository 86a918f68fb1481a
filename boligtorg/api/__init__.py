"""The REST API (django-ninja, OpenAPI 3 at /api/docs): one router module per app."""
