import factory


class TranslationFactory(factory.django.DjangoModelFactory):
    """A translation row, in the campaign's default language unless told otherwise."""

    class Meta:
        abstract = True

    language = "nl"
