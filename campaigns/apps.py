from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")
    # Public pages show its rows: saving one refreshes them (core.caching).
    public_content = True

    def ready(self) -> None:
        from campaigns import checks  # noqa: F401 (registers the deploy checks)
        from campaigns.selectors import campaign_published_languages
        from core import languages

        languages.register_published(campaign_published_languages)
        from campaigns.selectors import campaign_state_sentence
        from news import feeds

        feeds.register_status(campaign_state_sentence)
