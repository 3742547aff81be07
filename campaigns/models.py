"""The campaign itself: one per deployment, its texts translated per language."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import languages
from core.security import validate_frame_origins
from core.translation import Translation, one_per_language, translation_of


def default_published_languages() -> list[str]:
    """A new campaign publishes its source language and the fallback language."""
    return list(dict.fromkeys([languages.source_language(), languages.fallback_language()]))


class Campaign(models.Model):
    """Language-neutral settings of the campaign. The site shows the first campaign row."""

    slug = models.SlugField(_("slug"), unique=True)
    goal = models.PositiveIntegerField(_("signature goal"), default=100_000)
    endorsements_elsewhere = models.PositiveIntegerField(
        _("NGO endorsements counted elsewhere"),
        default=0,
        help_text=_(
            "Organisations that support the campaign but are not listed on this site. "
            "The NGO count shown is approved organisations plus this number."
        ),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    hashtag = models.CharField(_("hashtag"), max_length=100, blank=True)
    share_image = models.ImageField(
        _("share image"),
        upload_to="campaign/",
        blank=True,
        help_text=_("Shown when the site is shared on social media (1200x630)."),
    )

    class State(models.TextChoices):
        OPEN = "open", _("Open: people can sign")
        PAUSED = "paused", _("Paused: signing stops for a while")
        CLOSED = "closed", _("Closed: no more signatures, the final count is shown")
        DELIVERED = "delivered", _("Delivered: handed over")

    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.OPEN,
        help_text=_(
            "Every page, call to action and counter follows it. Confirmation links sent while "
            "open keep working until they expire, also once the petition is closed."
        ),
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_news = models.ForeignKey(
        "news.NewsItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("news item about the delivery"),
    )
    statistics_visible = models.BooleanField(_("show the counter"), default=True)
    proof_of_work = models.BooleanField(
        _("ask browsers for proof of work"),
        default=False,
        help_text=_(
            "Under a bot attack: every signer's browser solves a small puzzle before the "
            "form is sent. It also switches on by itself for a source or for everyone when "
            "signing gets very busy. Signatures sent without it (no JavaScript) are kept but "
            "marked suspect."
        ),
    )
    # Language codes from settings.LANGUAGES (checked in code, no choices: a new language
    # needs no migration). Readers get only these; staff can preview the others.
    published_languages = models.JSONField(
        _("published languages"),
        default=default_published_languages,
        validators=[languages.validate_language_list],
        help_text=_(
            "Only these languages are offered to readers: in the language menu, to search "
            "engines and to browsers that ask for them. Staff can preview the others."
        ),
    )
    # Sites besides the approved organisations' websites that may frame the sign widget.
    embed_origins = models.TextField(
        _("other sites that may embed the sign form"),
        blank=True,
        validators=[validate_frame_origins],
        help_text=_(
            "One origin per line, like https://example.org. Approved organisations' websites "
            "may always embed it. Plain http only for 127.0.0.1 or localhost (testing)."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.slug

    @property
    def is_over(self) -> bool:
        """Closed or delivered: no sign form anywhere, the final count and thanks instead."""
        return self.state in {self.State.CLOSED, self.State.DELIVERED}


class CampaignTranslation(Translation):
    parent = translation_of(Campaign)
    title = models.CharField(_("title"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Blank lines separate paragraphs.")
    )
    meta_description = models.CharField(
        _("description for search engines"), max_length=300, blank=True
    )
    share_text = models.TextField(_("text to copy and share"), blank=True)
    petition_title = models.CharField(_("petition title"), max_length=300, blank=True)
    delivered_to = models.CharField(
        _("delivered to"),
        max_length=300,
        blank=True,
        help_text=_("Who received the petition, e.g. the European Parliament's LIBE committee."),
    )
    petition_text = models.TextField(_("petition text"), blank=True)
    petition_addressees = models.CharField(_("addressed to"), max_length=300, blank=True)
    closing_statement = models.TextField(_("closing statement"), blank=True)
    newsletter_text = models.TextField(_("newsletter invitation"), blank=True)
    consent_text = models.CharField(
        _("consent wording"),
        max_length=500,
        blank=True,
        help_text=_("The checkbox text by which a signer agrees to hear from the campaign."),
    )
    privacy_policy = models.TextField(
        _("privacy policy"),
        blank=True,
        help_text=_(
            "Simple formatting: headings (## Heading), lists, links, emphasis. Leave it blank "
            "to show the shipped policy, translated. The data controller and the contact are "
            "always added below it from the campaign's contact fields."
        ),
    )
    consent_version = models.PositiveIntegerField(
        _("consent wording version"),
        default=1,
        help_text=_("Raise this whenever the consent wording changes; signers' records keep it."),
    )

    class Meta:
        verbose_name = _("campaign translation")
        verbose_name_plural = _("campaign translations")
        constraints = [one_per_language("unique_campaign_language")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Reason(models.Model):
    """One of the "Why should I care?" reasons."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reasons")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")

    def __str__(self) -> str:
        return gettext("Reason %(number)s") % {"number": self.order}


class ReasonTranslation(Translation):
    parent = translation_of(Reason)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        constraints = [one_per_language("unique_reason_language")]

    def __str__(self) -> str:
        return self.title


class AffectedGroup(models.Model):
    """A section of the "How CSAR affects us" page: everyone, or one group in particular.
    Testimonials can be attached to a group and are then shown in its section."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="affected_groups")
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Short name used as the section's anchor in the page address."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("affected group")
        verbose_name_plural = _("affected groups")

    def __str__(self) -> str:
        return self.slug


class AffectedGroupTranslation(Translation):
    parent = translation_of(AffectedGroup)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Blank lines separate paragraphs."))

    class Meta:
        verbose_name = _("affected group translation")
        verbose_name_plural = _("affected group translations")
        constraints = [one_per_language("unique_affected_group_language")]

    def __str__(self) -> str:
        return self.title
