from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Coalition")
    # Public pages show its rows: saving one refreshes them (core.caching).
    public_content = True

    def ready(self) -> None:
        from coalition import selectors, services
        from coalition.models import Organisation
        from privacy import registry

        registry.register_export(
            registry.Export(
                name="organisations",
                kind="organisation",
                help="The coalition's organisations, the contact person sealed.",
                records=selectors.organisations_for_export,
                layout=registry.Layout(
                    columns=(
                        "id",
                        "name",
                        "website",
                        "country",
                        "status",
                        "language",
                        "statement",
                        "created_at",
                        "email_confirmed_at",
                        "reviewed_at",
                        "contact_email",
                        "contact_name",
                    ),
                    sealed={"email": "contact_email", "name": "contact_name"},
                    # Organisations a campaigner added in the admin have no contact.
                    always_sealed=False,
                ),
                options=(
                    registry.Option(
                        "--status",
                        "Only organisations with this status.",
                        choices=tuple(Organisation.Status.values),
                    ),
                ),
            )
        )
        registry.register_purge("organisations", services.organisations_purge_unconfirmed)
