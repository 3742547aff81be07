"""The favicons and the share image per language are drawn from the logo mark by a command,
and each page points at the share image in its own language."""

import pytest
from django.core.management import call_command
from PIL import Image, ImageChops

from core.tests.html import parse


def test_the_command_draws_the_icons_and_a_share_image_per_language(tmp_path):
    call_command("render_share_image", output=str(tmp_path))
    for name, size in {
        "favicon-32.png": (32, 32),
        "apple-touch-icon.png": (180, 180),
        "icon-512.png": (512, 512),
        "share-nl.png": (1200, 630),
        "share-en.png": (1200, 630),
        "share.png": (1200, 630),
    }.items():
        with Image.open(tmp_path / name) as image:
            assert image.size == size, name
    with Image.open(tmp_path / "share-nl.png") as nl, Image.open(tmp_path / "share-en.png") as en:
        assert ImageChops.difference(nl.convert("RGB"), en.convert("RGB")).getbbox(), (
            "the Dutch and English share images should carry different text"
        )
    with Image.open(tmp_path / "favicon-32.png") as icon:
        # The mark: the brand colour in the corner, the yellow bubble inside.
        def near(pixel, colour):
            return all(abs(a - b) <= 8 for a, b in zip(pixel, colour, strict=True))

        assert near(icon.convert("RGB").getpixel((30, 16)), (59, 31, 143))
        assert near(icon.convert("RGB").getpixel((16, 20)), (255, 210, 63))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_page_shares_the_image_in_its_language(client, content, language):
    page = parse(client.get(f"/{language}/").content)
    assert f"/static/img/share-{language}" in page.meta["og:image"]
