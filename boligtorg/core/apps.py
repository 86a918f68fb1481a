from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "boligtorg.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_mark_active

        # Every way of logging in (the login page, a future OIDC callback, the test
        # client's force_login) starts the idle period with the session it saves.
        user_logged_in.connect(session_mark_active, dispatch_uid="boligtorg_session_active")
