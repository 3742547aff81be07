import datetime

import factory

from core.tests.factories import TranslationFactory
from news.models import NewsItem, NewsItemTranslation


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    slug = factory.Sequence(lambda n: f"item-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))


class NewsItemTranslationFactory(TranslationFactory):
    class Meta:
        model = NewsItemTranslation

    parent = factory.SubFactory(NewsItemFactory)
    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    teaser = "Korte samenvatting."
    body = "De volledige tekst."
