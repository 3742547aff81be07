import factory

from campaigns import models
from core.tests.factories import TranslationFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Campaign

    slug = factory.Sequence(lambda n: f"campaign-{n}")
    endorsements_elsewhere = 10
    contact_name = "Campaign team"
    contact_email = "team@example.org"


class CampaignTranslationFactory(TranslationFactory):
    class Meta:
        model = models.CampaignTranslation

    parent = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Campagnetitel {n}")
    tagline = "Privacy maakt sterker"
    intro = "Eerste alinea.\n\nTweede alinea."
    share_text = "Deel deze campagne & teken!"
    closing_statement = "Samen staan we sterk."
    newsletter_text = "Lees het laatste nieuws."


class SectionFactory(factory.django.DjangoModelFactory):
    """A section of a campaign page, in its place (a reason, an affected group)."""

    class Meta:
        abstract = True

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(int)


class ReasonFactory(SectionFactory):
    class Meta:
        model = models.Reason


class AffectedGroupFactory(SectionFactory):
    class Meta:
        model = models.AffectedGroup

    slug = factory.Sequence(lambda n: f"group-{n}")


class ReasonTranslationFactory(TranslationFactory):
    class Meta:
        model = models.ReasonTranslation

    parent = factory.SubFactory(ReasonFactory)
    title = factory.Sequence(lambda n: f"Reden {n}")
    body = "Uitleg bij de reden."
