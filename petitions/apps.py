from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from core import jobs
        from petitions import selectors, services, tasks
        from privacy import registry

        registry.register_export(
            registry.Export(
                name="signatures",
                kind="signature",
                help="The signatures, name and email address sealed.",
                records=selectors.signatures_for_export,
                layout=registry.Layout(
                    columns=(
                        "first_name",
                        "last_name",
                        "email",
                        "country",
                        "language",
                        "consent",
                        "consent_version",
                        "created_at",
                        "confirmed_at",
                        "suspect",
                        "id",
                    ),
                    sealed={"first_name": "first_name", "last_name": "last_name", "email": "email"},
                ),
                options=(
                    registry.Option("--confirmed-only", "Only confirmed signatures.", switch=True),
                    registry.Option(
                        "--include-invalid", "Also invalidated signatures.", switch=True
                    ),
                ),
            )
        )
        registry.register_purge("signatures", services.signatures_purge_unconfirmed)
        jobs.register_job("tallies_update", tasks.tallies_update)
