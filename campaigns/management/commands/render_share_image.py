"""Draw the default share image (static/img/share.png, 1200x630) used in OpenGraph and
Twitter card tags when the campaign has not uploaded its own. Uses only Pillow and its
built-in font, so the image contains no third-party asset. Re-run after changing it."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BRAND = (59, 31, 143)
BRAND_DARK = (38, 19, 95)
ACCENT = (255, 210, 63)


class Command(BaseCommand):
    help = "Render static/img/share.png, the default social media share image."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--output", default=str(settings.BASE_DIR / "static/img/share.png"))

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
        draw = ImageDraw.Draw(image)
        draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=BRAND_DARK)
        # The crossed-out eye of the favicon, large.
        cx, cy, r = 1010, 270, 130
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ACCENT, width=34)
        draw.line([cx - r, cy + r, cx + r, cy - r], fill=ACCENT, width=34)
        title = ImageFont.load_default(size=104)
        sub = ImageFont.load_default(size=44)
        small = ImageFont.load_default(size=34)
        draw.text((70, 150), "Stop", font=title, fill="white")
        draw.text((70, 265), "scanning me!", font=title, fill=ACCENT)
        draw.text((70, 410), "Privacy makes us stronger,", font=sub, fill="white")
        draw.text((70, 465), "surveillance makes us weaker.", font=sub, fill="white")
        draw.text((70, HEIGHT - 68), "stopscanningme.eu", font=small, fill="white")
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, "PNG", optimize=True)
        self.stdout.write(f"Wrote {path} ({path.stat().st_size} bytes).")
