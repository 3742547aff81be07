"""The Stop Scanning Me content that `manage.py load_campaign` puts in the database.

Dutch is the text of the campaign's Dutch home page, word for word (including its wording
quirks: campaigners change it in the admin, not here). English is a faithful translation.
Texts that the home page does not show (share text, petition, the how-CSAR page, the consent
wording) were written for this site in both languages.
"""

from campaigns.seed_content.affected_groups import AFFECTED_GROUPS
from campaigns.seed_content.campaign import CAMPAIGN, CAMPAIGN_TRANSLATIONS, REASONS
from campaigns.seed_content.news import NEWS_ITEMS
from campaigns.seed_content.testimonials import TESTIMONIALS

__all__ = [
    "AFFECTED_GROUPS",
    "CAMPAIGN",
    "CAMPAIGN_TRANSLATIONS",
    "NEWS_ITEMS",
    "REASONS",
    "TESTIMONIALS",
]
