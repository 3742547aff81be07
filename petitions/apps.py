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
                layout=registry.Layout(sealed={n: n for n in ("first_name", "last_name", "email")}),
                options=(
                    registry.Option("--confirmed-only", "Only confirmed ones.", switch=True),
                    registry.Option("--include-invalid", "Also invalidated ones.", switch=True),
                    registry.Option("--country", "Only signers from this country (ISO code)."),
                    registry.Option(
                        "--consent",
                        "Only those who agreed to hear from the campaign (yes) or did not (no).",
                        selectors.EXPORT_CONSENT,
                    ),
                ),
            )
        )
        registry.register_purge("signatures", services.signatures_purge_unconfirmed)
        jobs.register_job("tallies_update", tasks.tallies_update)
