"""The Stop Scanning Me content that `manage.py load_campaign` puts in the database.

Dutch is the text of the campaign's Dutch home page, word for word (including its wording
quirks: campaigners change it in the admin, not here). English is a faithful translation.
Texts that the home page does not show (share text, petition, the how-CSAR page, the consent
wording) were written for this site in both languages.

The other languages are in `translations/<code>.json`, one object per language mapping a text's
key to its translation: `campaign.<field>`, `reason.<order>.<field>`, `group.<slug>.<field>`,
`news.<slug>.<field>`, `testimonial.<slug>.<field>`. They are loaded as translations no person
has reviewed yet. A language without a file simply has no texts of its own (readers get the
fallback).
"""

import json
from pathlib import Path

from campaigns.seed_content.affected_groups import AFFECTED_GROUPS
from campaigns.seed_content.campaign import CAMPAIGN, CAMPAIGN_TRANSLATIONS, REASONS
from campaigns.seed_content.news import NEWS_ITEMS
from campaigns.seed_content.testimonials import TESTIMONIALS

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def shipped_translations(directory: Path = TRANSLATIONS_DIR) -> dict[str, dict[str, str]]:
    """The shipped translation files: language code -> {key: text}."""
    found = {}
    for path in sorted(directory.glob("*.json")):
        texts = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = {str(key): str(text) for key, text in texts.items()}
    return found


__all__ = [
    "AFFECTED_GROUPS",
    "CAMPAIGN",
    "CAMPAIGN_TRANSLATIONS",
    "NEWS_ITEMS",
    "REASONS",
    "TESTIMONIALS",
    "TRANSLATIONS_DIR",
    "shipped_translations",
]
