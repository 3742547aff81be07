import factory

from core.tests.factories import TranslationFactory
from testimonials.models import Testimonial, TestimonialTranslation


class TestimonialFactory(factory.django.DjangoModelFactory):
    __test__ = False  # not a test class, despite its name

    class Meta:
        model = Testimonial

    slug = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Sequence(lambda n: f"Person {n}")
    country = "NL"
    order = factory.Sequence(int)


class TestimonialTranslationFactory(TranslationFactory):
    __test__ = False  # not a test class, despite its name

    class Meta:
        model = TestimonialTranslation

    parent = factory.SubFactory(TestimonialFactory)
    photo_alt = factory.LazyAttribute(lambda t: f"Foto van {t.parent.name}")
    quote = factory.Sequence(lambda n: f"Een citaat nummer {n}.")
    role = "Activist"
