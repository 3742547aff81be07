"""Checking and re-encoding uploaded logos.

Only raster images are accepted (PNG, JPEG, WebP: an SVG can carry scripts). The file must
really be an image of the type its name claims, verified by Pillow, within MAX_BYTES and
MAX_SIDE pixels a side and MAX_PIXELS in all (read from the header, before decoding). It is
then decoded, at most DECODE_SLOTS at a time per process (core.decoding), and encoded again,
which drops anything hidden in it (metadata, trailing data, a polyglot payload) and shrinks
it to at most STORED_SIDE pixels. logo_precheck does the cheap checks alone, so a form can
decode only once everything else in it is valid.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from core.decoding import decode_slot

MAX_BYTES = 1024 * 1024
MAX_SIDE = 4000
# Four million pixels (2000 x 2000, or a 4000 x 1000 banner) is plenty for a logo shown at
# STORED_SIDE at most; a 4000 x 4000 image costs four times as much to decode.
MAX_PIXELS = 4_000_000
STORED_SIDE = 800
# File name extension -> the format Pillow must find inside.
FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def logo_precheck(*, upload: UploadedFile) -> str:
    """The checks that cost nothing (size in bytes, the name's extension): the Pillow format
    the file must hold, or ValidationError."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(_("The logo is too large: at most 1 MB please."), code="size")
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    expected = FORMATS.get(extension)
    if expected is None:
        raise ValidationError(_("Please upload the logo as a PNG, JPEG or WebP file."), code="type")
    return expected


def logo_clean(*, upload: UploadedFile) -> ContentFile:
    """A re-encoded copy of the uploaded logo, or ValidationError saying what is wrong."""
    expected = logo_precheck(upload=upload)
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    not_an_image = ValidationError(
        _("This file is not a valid PNG, JPEG or WebP image."), code="invalid"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                found = probe.format
                width, height = probe.size
                probe.verify()
            if found != expected:
                raise not_an_image
            if width > MAX_SIDE or height > MAX_SIDE:
                raise ValidationError(
                    _("The logo is too big: at most %(side)s by %(side)s pixels please."),
                    code="dimensions",
                    params={"side": MAX_SIDE},
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The logo has too many pixels: at most %(million)s million please."),
                    code="pixels",
                    params={"million": MAX_PIXELS // 1_000_000},
                )
            if width < 1 or height < 1:
                raise not_an_image
            # verify() leaves the image unusable: open it again to decode it.
            with decode_slot(), Image.open(io.BytesIO(data)) as image:
                image.load()
                return _reencode(image=image, image_format=found)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise not_an_image from exc


def _reencode(*, image: Image.Image, image_format: str) -> ContentFile:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image_format == "JPEG":
        image = image.convert("RGB")
    else:
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((STORED_SIDE, STORED_SIDE))
    out = io.BytesIO()
    options = {"quality": 88} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, format=image_format, **options)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}")
