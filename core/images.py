"""The image pipeline every upload goes through (testimonial photos, the share image,
coalition logos): a small service on Pillow rather than django-imagekit or easy-thumbnails,
because those keep the uploaded original as it came, and here the original itself must be
re-encoded (no EXIF, no GPS position, nothing hidden) before it is ever stored or served.

- `image_clean`: accepts only a real JPEG, PNG or WebP (told by its content, whatever the file
  is called), within a byte cap per field and a pixel budget checked before decoding
  (decompression bombs), and returns a re-encoded copy without any metadata, turned upright
  by its EXIF orientation and shrunk to the field's largest useful size.
- `responsive`: the WebP sizes of a stored image for `srcset`, made on first use next to the
  original (a few milliseconds for an already bounded image; the pages are cached).
- `image_delete`: removes a stored image and its sizes, when it is replaced or removed.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Formats accepted, by what Pillow finds inside the file, and the extension they are stored
# with. SVG is never accepted: it can carry scripts.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# An image with more pixels than this is refused before it is decoded (4000x3000 is 12 MP).
MAX_PIXELS = 25_000_000
_DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


@dataclass(frozen=True)
class ImageSpec:
    """What one image field accepts and keeps."""

    max_bytes: int
    stored_side: int  # the longest side kept of the original
    widths: tuple[int, ...] = ()  # the WebP sizes made for srcset
    square: bool = False  # sizes cropped to a square (avatars)


AVATAR = ImageSpec(max_bytes=5 * 1024 * 1024, stored_side=1200, widths=(160, 320), square=True)
SHARE_IMAGE = ImageSpec(max_bytes=5 * 1024 * 1024, stored_side=1200)
LOGO = ImageSpec(max_bytes=1024 * 1024, stored_side=800, widths=(160, 320))
SPECS = {"avatar": AVATAR, "share": SHARE_IMAGE, "logo": LOGO}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def image_clean(*, upload: object, spec: ImageSpec) -> ContentFile:
    """A re-encoded copy of an uploaded image, or a ValidationError saying what is wrong."""
    size = getattr(upload, "size", None)
    if size is None or size > spec.max_bytes:
        raise ValidationError(
            _("The image is too large: at most %(mb)s MB please."),
            code="size",
            params={"mb": _megabytes(spec.max_bytes)},
        )
    data = upload.read(spec.max_bytes + 1)  # type: ignore[attr-defined]
    not_an_image = ValidationError(
        _("This file is not a valid JPEG, PNG or WebP image."), code="invalid"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                found = probe.format
                width, height = probe.size
                if found not in EXTENSIONS or width < 1 or height < 1:
                    raise not_an_image
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _("The image has too many pixels: at most %(mp)s megapixels please."),
                        code="pixels",
                        params={"mp": MAX_PIXELS // 1_000_000},
                    )
                probe.verify()
            # verify() leaves the image unusable: open it again to decode it.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                return _reencode(image=image, image_format=found, spec=spec)
    except ValidationError:
        raise
    except _DECODE_ERRORS as exc:
        raise not_an_image from exc


def _plain(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """Upright pixels only: EXIF orientation applied, then every piece of metadata dropped."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if keep_alpha and has_alpha else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean  # a new image: no info, no EXIF, no ICC profile, no XMP


def _encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format == "PNG":
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format=image_format, quality=85, optimize=True)
    return out.getvalue()


def _reencode(*, image: Image.Image, image_format: str, spec: ImageSpec) -> ContentFile:
    clean = _plain(image, keep_alpha=image_format != "JPEG")
    clean.thumbnail((spec.stored_side, spec.stored_side))
    name = f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}"
    return ContentFile(_encode(clean, image_format), name=name)


# --- Sizes for srcset ---------------------------------------------------------------------


def _size_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.webp"))


@dataclass(frozen=True)
class Responsive:
    src: str
    srcset: str


def responsive(*, storage: Storage, name: str, spec: ImageSpec) -> Responsive:
    """The URLs of a stored image's WebP sizes, each made when first asked for. An image the
    pipeline cannot read is served as stored (it was checked when uploaded)."""
    if not spec.widths:
        return Responsive(src=storage.url(name), srcset="")
    entries = []
    for width in spec.widths:
        size_name = _size_name(name, width)
        if not storage.exists(size_name):
            try:
                _write_size(storage=storage, name=name, size_name=size_name, width=width, spec=spec)
            except _DECODE_ERRORS:
                return Responsive(src=storage.url(name), srcset="")
        entries.append((width, storage.url(size_name)))
    return Responsive(
        src=entries[0][1], srcset=", ".join(f"{url} {width}w" for width, url in entries)
    )


def _write_size(
    *, storage: Storage, name: str, size_name: str, width: int, spec: ImageSpec
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with storage.open(name) as stored, Image.open(stored) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError(name)
            image.load()
            clean = _plain(image, keep_alpha=True)
    if spec.square:
        clean = ImageOps.fit(clean, (width, width))
    else:
        clean.thumbnail((width, width * 4))
    data = _encode(clean, "WEBP")
    # Two requests may make the same size at once: both write the same bytes, the storage
    # keeps one (a second save under a taken name would get another name, so check again).
    if not storage.exists(size_name):
        storage.save(size_name, ContentFile(data))


def image_delete(*, storage: Storage, name: str, spec: ImageSpec) -> None:
    """Remove a stored image and every size made of it."""
    if not name:
        return
    for width in spec.widths:
        storage.delete(_size_name(name, width))
    storage.delete(name)
