"""Testimonials on the home page, their detail page, and editing them in the admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.tests.html import parse
from core.tests.support import admin_add, change_data
from core.tests.test_images import camera_photo
from testimonials import models
from testimonials.tests.factories import TestimonialFactory, TestimonialTranslationFactory

pytestmark = pytest.mark.django_db


def _image() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile("face.png", out.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("nl", ["Charalampos Kyritsis", "Jonge activist, Griekenland", "Het monitoren van onze"]),
        ("en", ["Charalampos Kyritsis", "Young activist, Greece", "Monitoring our phones"]),
    ],
)
def test_detail_page_in_each_language(client, content, language, texts):
    """ "More information" opens the testimonial's own page, in the reader's language."""
    home = parse(client.get(f"/{language}/").content)
    detail = f"/{language}/testimonials/charalampos-kyritsis/"
    assert detail in [a["href"] for a in home.anchors]
    response = client.get(detail)
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    assert parse(html).html_lang == language
    # The testimonial's group on the how-CSAR page is one click away.
    assert f'href="/{language}/how-CSAR-affects-us.html#young-people"' in html


@pytest.mark.parametrize(
    ("language", "alt"), [("nl", "Pixel art avatar van Aura"), ("en", "Pixel art avatar of Aura")]
)
def test_without_a_photo_a_placeholder_carries_the_translated_alt(client, content, language, alt):
    """A testimonial without photo shows the person's initial on a tone of its own (no
    image to load), described to screen readers by the translated alt text."""
    page = parse(client.get(f"/{language}/").content)
    tiles = [attrs for tag, attrs in page.elements if attrs.get("aria-label") == alt]
    assert len(tiles) == 1 and tiles[0]["role"] == "img"
    assert "avatar--initial" in tiles[0]["class"]
    assert '">A</span>' in client.get(f"/{language}/testimonials/aura/").content.decode()


def test_uploaded_photo_is_shown_instead_of_the_placeholder(client, db):
    """With a photo, the card shows it with its alt text."""
    testimonial = TestimonialFactory(photo=_image())
    TestimonialTranslationFactory(parent=testimonial, language="nl", photo_alt="Portret van X")
    page = parse(client.get("/nl/").content)
    images = [a for t, a in page.elements if t == "img" and a.get("alt") == "Portret van X"]
    stem = testimonial.photo.url.rsplit(".", 1)[0]
    assert images == [
        {
            "class": "avatar",
            "src": f"{stem}-160w.webp",
            "srcset": f"{stem}-160w.webp 160w, {stem}-320w.webp 320w",
            "sizes": "96px",
            "alt": "Portret van X",
            "width": "96",
            "height": "96",
            "loading": "lazy",
            "decoding": "async",
        }
    ]


def test_anonymous_testimonial_hides_the_name(client, db):
    """An anonymous testimonial shows "Anonymous" (translated), never the name."""
    testimonial = TestimonialFactory(name="Secret Person", anonymous=True)
    TestimonialTranslationFactory(parent=testimonial, language="nl", photo_alt="Silhouet")
    TestimonialTranslationFactory(parent=testimonial, language="en", photo_alt="Silhouette")
    for language, word in (("nl", "Anoniem"), ("en", "Anonymous")):
        for url in (f"/{language}/", f"/{language}/testimonials/{testimonial.slug}/"):
            html = client.get(url).content.decode()
            assert word in html and "Secret Person" not in html, url


def test_missing_translation_falls_back_marked_with_lang(client, db):
    """A testimonial with only Dutch text appears on English pages inside lang="nl"."""
    testimonial = TestimonialFactory()
    TestimonialTranslationFactory(parent=testimonial, language="nl", quote="Alleen Nederlands.")
    page = parse(client.get(f"/en/testimonials/{testimonial.slug}/").content)
    articles = [a for t, a in page.elements if t == "article"]
    assert articles[0].get("lang") == "nl"
    home = client.get("/en/").content.decode()
    assert '<article class="testimonial" lang="nl">' in home
    assert "Alleen Nederlands." in home


def test_unpublished_and_unknown_testimonials_are_not_found(client, db):
    """An unpublished testimonial is neither listed nor reachable; unknown slugs are 404."""
    hidden = TestimonialFactory(published=False)
    TestimonialTranslationFactory(parent=hidden, quote="Verborgen citaat.")
    assert "Verborgen citaat." not in client.get("/nl/").content.decode()
    assert client.get(f"/nl/testimonials/{hidden.slug}/").status_code == 404
    response = client.get("/en/testimonials/nobody/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_admin_creates_a_translated_testimonial_with_photo(admin_client, client, db):
    """A campaigner adds a testimonial with a photo and two translations; both languages
    show it."""
    response = admin_add(
        admin_client,
        "/admin/testimonials/testimonial/add/",
        {
            "slug": "new-voice",
            "name": "New Voice",
            "country": "FR",
            "link": "",
            "group": "",
            "order": "0",
            "published": "on",
            "photo": _image(),
        },
        [
            {
                "language": "nl",
                "photo_alt": "Foto van New Voice",
                "quote": "Niet scannen!",
                "role": "Advocaat",
                "headline": "",
                "body": "Meer tekst.",
            },
            {
                "language": "en",
                "photo_alt": "Photo of New Voice",
                "quote": "Do not scan!",
                "role": "Lawyer",
                "headline": "Privacy matters",
                "body": "More text.",
            },
        ],
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    testimonial = models.Testimonial.objects.get(slug="new-voice")
    assert testimonial.photo
    en = client.get("/en/").content.decode()
    assert "Do not scan!" in en and "Lawyer, France" in en and "Privacy matters" in en
    nl = client.get("/nl/testimonials/new-voice/").content.decode()
    assert "Niet scannen!" in nl and "Advocaat, Frankrijk" in nl and "Meer tekst." in nl


def test_admin_edit_shows_on_the_site(admin_client, client, content):
    """Editing a testimonial's English quote in the admin changes what readers see."""
    testimonial = models.Testimonial.objects.get(slug="aura")
    data = change_data(
        testimonial,
        [{"language": "en", "quote": "An edited quote by Aura."}],
        {
            "slug": "aura",
            "name": "Aura",
            "country": "DE",
            "link": "",
            "group": str(testimonial.group_id),
            "order": "4",
            "published": "on",
        },
    )
    response = admin_client.post(f"/admin/testimonials/testimonial/{testimonial.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "An edited quote by Aura." in client.get("/en/").content.decode()
    assert "An edited quote by Aura." in client.get("/en/testimonials/aura/").content.decode()
    assert "An edited quote by Aura." not in client.get("/nl/").content.decode()


def test_loader_places_a_testimonial_in_its_group_by_slug(content):
    """testimonials_load finds the affected group by the slug the shipped item names (the
    caller passes the groups' ids by slug), and none when the item names no group."""
    from testimonials.services import testimonials_load

    young = models.Testimonial.objects.get(slug="aura").group_id
    items = [
        {"slug": slug, "name": slug.title(), "country": "", "link": "", "order": 1, "group": name}
        | {"texts": {"nl": {"quote": "Citaat.", "photo_alt": "", "role": ""}}}
        for slug, name in (("placed", "young-people"), ("unplaced", ""))
    ]
    report = testimonials_load(items=items, groups={"young-people": young})
    assert (report.created, report.updated) == (4, 0)
    placed = models.Testimonial.objects.get(slug="placed")
    assert placed.group_id == young
    assert placed.translations.get().quote == "Citaat."
    assert models.Testimonial.objects.get(slug="unplaced").group_id is None


def _admin_photo_change(admin_client, testimonial, photo):
    data = change_data(
        testimonial,
        [{"language": "en", "quote": "Quote."}],
        {
            "slug": testimonial.slug,
            "name": testimonial.name,
            "country": "",
            "link": "",
            "group": "",
            "order": "0",
            "published": "on",
            **photo,
        },
    )
    return admin_client.post(f"/admin/testimonials/testimonial/{testimonial.pk}/change/", data)


def test_admin_photos_go_through_the_image_pipeline(admin_client, client, db):
    """A campaigner's 4000x3000 camera JPEG with its GPS position (named .png) is stored
    re-encoded, small and without EXIF; replacing it deletes the old photo and its sizes,
    and so does deleting the testimonial. A file that is no real image is refused."""
    testimonial = TestimonialFactory(slug="eva", name="Eva")
    TestimonialTranslationFactory(parent=testimonial, language="en", quote="Quote.")
    storage = testimonial.photo.storage

    response = _admin_photo_change(admin_client, testimonial, {"photo": camera_photo("me.png")})
    assert response.status_code == 302, response.content.decode()[:2000]
    testimonial.refresh_from_db()
    first = testimonial.photo.name
    with storage.open(first) as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (1200, 900)
        assert not image.getexif()
    assert b"Exif" not in data
    client.get("/en/")  # the page asks for the sizes: they are made
    sizes = [first.replace(".jpg", f"-{width}w.webp") for width in (160, 320)]
    assert all(storage.exists(name) for name in sizes)

    response = _admin_photo_change(admin_client, testimonial, {"photo": _image()})
    assert response.status_code == 302
    testimonial.refresh_from_db()
    assert not any(storage.exists(name) for name in [first, *sizes])
    second = testimonial.photo.name
    assert storage.exists(second)

    not_an_image = SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    response = _admin_photo_change(admin_client, testimonial, {"photo": not_an_image})
    assert response.status_code == 200
    refused = "Dit bestand is geen geldige JPEG-, PNG- of WebP-afbeelding."  # the admin is in Dutch
    assert refused in response.content.decode()
    testimonial.refresh_from_db()
    assert testimonial.photo.name == second

    response = admin_client.post(
        f"/admin/testimonials/testimonial/{testimonial.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not storage.exists(second)
