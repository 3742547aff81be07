from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        from core import jobs
        from newsletter import selectors, services
        from privacy import registry

        languages = tuple(code for code, _name in settings.LANGUAGES)
        registry.register_export(
            registry.Export(
                name="subscribers",
                kind="subscription",
                help="The confirmed newsletter subscribers, address sealed.",
                records=selectors.subscriptions_for_export,
                layout=registry.Layout(sealed={"email": "email"}),
                options=(registry.Option("--language", "Only this language.", languages),),
            )
        )
        registry.register_purge("subscriptions", services.subscriptions_purge_unconfirmed)
        jobs.register_job("updates_send", services.deliveries_hand_over)
