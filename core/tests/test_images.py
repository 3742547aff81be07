"""The image pipeline: what is stored of an upload is a re-encoded copy with no metadata,
only real JPEG, PNG and WebP files pass whatever they are called, bombs are refused before
decoding, and the WebP sizes for srcset are made from the cleaned copy."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from core.images import AVATAR, LOGO, ImageSpec, image_clean, image_delete, responsive

GPS_POSITION = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (52.0, 22.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (4.0, 53.0, 40.0),
}


def camera_photo(
    name: str = "IMG_0001.jpg", size: tuple[int, int] = (4000, 3000), orientation: int = 1
) -> SimpleUploadedFile:
    """A phone camera's JPEG: big, with the camera's make and the GPS position in EXIF."""
    light = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (light, light.transpose(Image.Transpose.ROTATE_180), light))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS_POSITION)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, exif=exif.tobytes())
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the test photo really carries a position
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude]
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def encoded(image_format: str, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, format=image_format)
    return out.getvalue()


def test_a_camera_photo_loses_its_position_and_size():
    """A 4000x3000 JPEG with GPS EXIF comes out a JPEG of at most the stored size, with no
    EXIF at all (no position, no camera) and nothing else but the pixels."""
    upload = camera_photo()
    cleaned = image_clean(upload=upload, spec=AVATAR)
    data = cleaned.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == AVATAR.stored_side
        assert image.size == (1200, 900)
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Exif" not in data and b"PhoneMaker" not in data
    assert cleaned.name.endswith(".jpg") and "IMG_0001" not in cleaned.name
    assert len(data) < upload.size / 2


def test_the_photo_is_turned_upright_before_its_exif_goes():
    """A portrait photo stored sideways with an orientation tag is stored upright."""
    cleaned = image_clean(upload=camera_photo(size=(400, 300), orientation=6), spec=AVATAR)
    with Image.open(cleaned) as image:
        assert image.size == (300, 400)


@pytest.mark.parametrize(
    ("name", "data", "stored"),
    [
        ("logo.jpg", encoded("PNG", mode="RGBA"), ".png"),  # a PNG called .jpg
        ("photo.png", encoded("JPEG"), ".jpg"),
        ("picture", encoded("WEBP"), ".webp"),
    ],
)
def test_the_content_decides_not_the_name(name, data, stored):
    cleaned = image_clean(upload=SimpleUploadedFile(name, data), spec=LOGO)
    assert cleaned.name.endswith(stored)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anim.jpg", encoded("GIF")),  # a format Pillow reads, but not one we accept
        ("scan.png", encoded("TIFF")),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'),
        ("truncated.jpg", encoded("JPEG")[:200]),
        ("empty.png", b""),
    ],
)
def test_anything_but_a_real_jpeg_png_or_webp_is_refused(name, data):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            image_clean(upload=SimpleUploadedFile(name, data), spec=LOGO)
        assert refused.value.code == "invalid"
        assert "not a valid JPEG, PNG or WebP image" in refused.value.messages[0]


def test_a_decompression_bomb_is_refused_before_decoding():
    """A small file that would decode into 36 megapixels is refused by its header alone."""
    bomb = encoded("PNG", size=(6000, 6000), mode="1")
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError) as refused:
        image_clean(upload=SimpleUploadedFile("bomb.png", bomb), spec=AVATAR)
    assert refused.value.code == "pixels"


def test_each_field_caps_the_upload_size():
    small = ImageSpec(max_bytes=1024 * 1024, stored_side=100)
    big = SimpleUploadedFile("big.png", encoded("PNG") + b"\0" * 1024 * 1024)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            image_clean(upload=big, spec=small)
        assert refused.value.code == "size"
        assert refused.value.messages == ["The image is too large: at most 1 MB please."]


def test_sizes_for_srcset_are_webp_made_once_and_deleted_with_the_image(tmp_path):
    storage = FileSystemStorage(location=tmp_path, base_url="/media/")
    name = storage.save("testimonials/a.jpg", image_clean(upload=camera_photo(), spec=AVATAR))
    first = responsive(storage=storage, name=name, spec=AVATAR)
    assert (
        first.srcset == "/media/testimonials/a-160w.webp 160w, /media/testimonials/a-320w.webp 320w"
    )
    assert first.src == "/media/testimonials/a-160w.webp"
    for width in (160, 320):
        with Image.open(tmp_path / f"testimonials/a-{width}w.webp") as size:
            assert (size.format, size.size) == ("WEBP", (width, width))  # avatars: square
            assert not size.getexif()
    made = (tmp_path / "testimonials/a-320w.webp").stat().st_mtime_ns
    assert responsive(storage=storage, name=name, spec=AVATAR) == first
    assert (tmp_path / "testimonials/a-320w.webp").stat().st_mtime_ns == made
    image_delete(storage=storage, name=name, spec=AVATAR)
    assert list(tmp_path.rglob("*.*")) == []


def test_a_logo_keeps_its_shape_and_transparency(tmp_path):
    storage = FileSystemStorage(location=tmp_path, base_url="/media/")
    logo = SimpleUploadedFile("l.png", encoded("PNG", size=(900, 300), mode="RGBA"))
    name = storage.save("coalition/l.png", image_clean(upload=logo, spec=LOGO))
    responsive(storage=storage, name=name, spec=LOGO)
    with Image.open(tmp_path / "coalition/l-320w.webp") as size:
        assert size.size == (320, 107) and size.mode == "RGBA"
