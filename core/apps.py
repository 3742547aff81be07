from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib import admin

        from core import caching, jobs
        from core.admin_login import ThrottledAdminAuthenticationForm
        from privacy import registry

        # The admin's sign-in is throttled per source and per username.
        admin.site.login_form = ThrottledAdminAuthenticationForm

        # Content changes made by any process (admin, management commands) invalidate pages.
        caching.connect_signals()
        # Every app's purge of unconfirmed actions (privacy.registry), in one hourly job.
        jobs.register_job("purge_unconfirmed", registry.purges_run)
