from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.models import Group, User
        from django_tasks_db.models import DBTaskResult

        from core import (
            caching,
            checks,  # noqa: F401 (registers the deploy checks)
            deadline,
            jobs,
        )
        from core.admin import superusers_only
        from core.admin_login import ThrottledAdminAuthenticationForm
        from privacy import registry

        # The admin's sign-in is throttled per source and per username, and asks for the code
        # of an authenticator app where the account has one (core.admin_login).
        admin.site.login_form = ThrottledAdminAuthenticationForm
        admin.site.login_template = "otp/admin111/login.html"
        # Campaigners see their work; accounts, groups and the task queue are technical.
        superusers_only(User, Group, DBTaskResult)

        # Content changes made by any process (admin, management commands) invalidate pages.
        caching.connect_signals()
        # Every request's database work has a deadline (a frozen database must not hang it).
        deadline.connect_signals()
        # Every app's purge of unconfirmed actions (privacy.registry), in one hourly job.
        jobs.register_job("purge_unconfirmed", registry.purges_run)
