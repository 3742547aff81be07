from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Content changes made by any process (admin, management commands) invalidate pages.
        from core import caching

        caching.connect_signals()
