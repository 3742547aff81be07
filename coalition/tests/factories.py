import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coalition.models import Organisation


def image_upload(
    *, name: str = "logo.png", image_format: str = "PNG", size: tuple[int, int] = (120, 60)
) -> SimpleUploadedFile:
    """A real image made with Pillow, as a browser would upload it."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(out, format=image_format)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type.get(image_format, ""))


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation as a campaigner adds it in the admin."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Digital Rights Group {n}")
    country = "NL"
    website = factory.Sequence(lambda n: f"https://group{n}.example.org/")
    status = Organisation.Status.APPROVED
