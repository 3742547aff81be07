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

        # Organisations a campaigner added in the admin have no contact.
        contact = registry.Layout(
            sealed={"email": "contact_email", "name": "contact_name"}, always_sealed=False
        )
        statuses = tuple(Organisation.Status.values)
        registry.register_export(
            registry.Export(
                name="organisations",
                kind="organisation",
                help="The coalition's organisations, the contact person sealed.",
                records=selectors.organisations_for_export,
                layout=contact,
                options=(registry.Option("--status", "Only this status.", statuses),),
            )
        )
        registry.register_purge("organisations", services.organisations_purge_unconfirmed)
