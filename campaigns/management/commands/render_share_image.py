"""Draw the campaign's images from its logo mark (a speech bubble with a struck-out eye, the
same shapes as static/img/favicon.svg and the inline SVG in the page header), with Pillow
shapes and the DejaVu fonts of the system only, so no image contains a third-party asset:

- static/img/favicon-32.png, apple-touch-icon.png (180), icon-192.png, icon-512.png;
- static/img/share-<language>.png (1200x630) for each language in settings.LANGUAGES whose
  translations have the slogan, and
  static/img/share.png in the default language: the OpenGraph and Twitter card image when
  the campaign has uploaded none.

Run it after changing the mark or a translation of the share text; the images are committed.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BRAND = (59, 31, 143)
BRAND_DARK = (38, 19, 95)
ACCENT = (255, 210, 63)
FONTS = Path("/usr/share/fonts/truetype/dejavu")
ICON_SIZES = {"favicon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192}
ICON_SIZES["icon-512.png"] = 512
ICON_SIZES["mail-logo.png"] = 96  # the logo of the HTML mails, shown at 40 px
SUPERSAMPLE = 8


def _quad(p0: tuple, p1: tuple, p2: tuple, steps: int = 24) -> list[tuple[float, float]]:
    """Points along a quadratic Bézier curve (the eye's lids, as in the SVG's `q`)."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        x = (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t**2 * p2[0]
        y = (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t**2 * p2[1]
        points.append((x, y))
    return points


def draw_mark(size: int, *, background: bool = True) -> Image.Image:
    """The logo mark on a 64-unit grid, drawn large and scaled down (smooth edges)."""
    scale = size * SUPERSAMPLE / 64
    image = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def s(*values: float) -> list[float]:
        return [v * scale for v in values]

    if background:
        draw.rounded_rectangle(s(0, 0, 64, 64), radius=14 * scale, fill=BRAND)
    draw.rounded_rectangle(s(8, 10, 56, 44), radius=8 * scale, fill=ACCENT)
    draw.polygon(s(18, 43, 30, 43, 16, 54), fill=ACCENT)
    lids = _quad((14, 27), (32, 5), (50, 27)) + _quad((50, 27), (32, 49), (14, 27))[1:]
    draw.line(
        [(x * scale, y * scale) for x, y in lids],
        fill=BRAND_DARK,
        width=round(3.5 * scale),
        joint="curve",
    )
    draw.ellipse(s(27, 22, 37, 32), fill=BRAND_DARK)
    draw.line(s(17, 41, 47, 13), fill=ACCENT, width=round(8 * scale))
    draw.line(s(17, 41, 47, 13), fill=BRAND_DARK, width=round(3.5 * scale), joint="curve")
    for x, y in ((17, 41), (47, 13)):  # round caps
        r = 1.75
        draw.ellipse(s(x - r, y - r, x + r, y + r), fill=BRAND_DARK)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _slogan(language: str) -> str:
    with translation.override(language):
        return gettext("Stop scanning me! Privacy makes us stronger, surveillance makes us weaker.")


def draw_share_image(language: str, host: str) -> Image.Image:
    """The 1200x630 share image with the campaign's slogan in `language`."""
    text = _slogan(language)
    title, _sep, slogan = text.partition("! ")
    title = f"{title}!" if slogan else title
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=BRAND_DARK)
    mark = draw_mark(300, background=False)
    image.paste(mark, (840, 120), mark)
    y = 110
    title_font = _font(True, 88)
    for line in _wrap(draw, title, title_font, 720):
        draw.text((70, y), line, font=title_font, fill=ACCENT)
        y += 100
    y += 20
    slogan_font = _font(False, 46)
    for line in _wrap(draw, slogan, slogan_font, 720)[:4]:
        draw.text((70, y), line, font=slogan_font, fill="white")
        y += 60
    draw.text((70, HEIGHT - 66), host, font=_font(True, 34), fill="white")
    return image


class Command(BaseCommand):
    help = "Render the favicons and the share image per language from the logo mark."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--output", default=str(settings.BASE_DIR / "static/img"))
        parser.add_argument("--host", default="stopscanningme.eu", help="The address shown.")

    def handle(self, *args: Any, output: str, host: str, **options: Any) -> None:
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, size in ICON_SIZES.items():
            draw_mark(size).save(folder / name, "PNG", optimize=True)
            written.append(name)
        english = _slogan("en")
        for code, _name in settings.LANGUAGES:
            # A language whose slogan is not translated yet shares the default image.
            if code not in ("en", settings.LANGUAGE_CODE) and _slogan(code) == english:
                continue
            image = draw_share_image(code, host)
            image.save(folder / f"share-{code}.png", "PNG", optimize=True)
            written.append(f"share-{code}.png")
            if code == settings.LANGUAGE_CODE:
                image.save(folder / "share.png", "PNG", optimize=True)
        self.stdout.write(f"Wrote {len(written)} images in {folder}: {', '.join(written)}.")
