from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import caching, jobs, workers
        from privacy import registry

        # Content changes made by any process (admin, management commands) invalidate pages.
        caching.connect_signals()
        # Every app's purge of unconfirmed actions (privacy.registry), in one hourly job.
        jobs.register_job("purge_unconfirmed", registry.purges_run)
        # What workers that stopped beating held (core.workers), released within seconds.
        jobs.register_job("workers_reap", workers.workers_reap)
