"""A placeholder coat of arms for a Pemda without an uploaded logo: a simple shield drawn here
(gold rim, green field, a star, a mountain and a river, the region's name on a ribbon). It is
clearly generic — a real installation uploads the official lambang daerah."""

import io
import math
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

GOLD = (201, 162, 39)
GREEN = (22, 101, 58)
DARK = (14, 62, 36)
BLUE = (38, 98, 170)
WHITE = (255, 255, 255)


def _shield(w, h, inset=0.0):
    """Points of a heater shield inside a w×h box, shrunk by `inset` pixels."""
    left, right, top = inset + w * 0.06, w - inset - w * 0.06, inset + h * 0.05
    shoulder = h * 0.50
    tip = h * 0.965 - inset * 1.4
    pts = [
        (left, top),
        (w / 2 - w * 0.08, top),
        (w / 2, top + h * 0.035),
        (w / 2 + w * 0.08, top),
        (right, top),
        (right, shoulder),
    ]
    steps = 40
    for i in range(1, steps + 1):  # right side curving to the tip
        t = i / steps
        x = right + (w / 2 - right) * (1 - math.cos(t * math.pi / 2))
        y = shoulder + (tip - shoulder) * math.sin(t * math.pi / 2)
        pts.append((x, y))
    for i in range(steps - 1, -1, -1):  # left side back up
        t = i / steps
        x = left + (w / 2 - left) * (1 - math.cos(t * math.pi / 2))
        y = shoulder + (tip - shoulder) * math.sin(t * math.pi / 2)
        pts.append((x, y))
    return pts


def _star(cx, cy, r):
    pts = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.42
        pts.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return pts


def draw_placeholder_logo(name: str, *, size=(240, 288)) -> bytes:
    """PNG bytes of the placeholder shield with `name` (e.g. "BANYUMAS") on its ribbon."""
    scale = 4
    w, h = size[0] * scale, size[1] * scale
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    d.polygon(_shield(w, h), fill=GOLD)
    d.polygon(_shield(w, h, inset=w * 0.035), fill=DARK)
    d.polygon(_shield(w, h, inset=w * 0.06), fill=GREEN)
    # Star
    d.polygon(_star(w / 2, h * 0.20, w * 0.085), fill=GOLD)
    # Mountain with a snow cap
    base_y = h * 0.56
    d.polygon([(w * 0.20, base_y), (w * 0.50, h * 0.31), (w * 0.80, base_y)], fill=BLUE)
    d.polygon(
        [
            (w * 0.435, h * 0.355),
            (w * 0.50, h * 0.31),
            (w * 0.565, h * 0.355),
            (w * 0.53, h * 0.345),
            (w * 0.50, h * 0.365),
            (w * 0.47, h * 0.345),
        ],
        fill=WHITE,
    )
    # River: three white waves
    for k in range(3):
        y0 = h * (0.615 + k * 0.055)
        pts = []
        for i in range(61):
            x = w * 0.22 + (w * 0.56) * i / 60
            pts.append((x, y0 + math.sin(i / 60 * 4 * math.pi) * h * 0.012))
        d.line(pts, fill=WHITE, width=int(w * 0.018), joint="curve")
    # Ribbon with the name
    ry0, ry1 = h * 0.80, h * 0.875
    d.polygon(
        [
            (w * 0.04, ry0 + h * 0.015),
            (w * 0.14, ry0),
            (w * 0.86, ry0),
            (w * 0.96, ry0 + h * 0.015),
            (w * 0.90, (ry0 + ry1) / 2 + h * 0.01),
            (w * 0.96, ry1 + h * 0.015),
            (w * 0.86, ry1),
            (w * 0.14, ry1),
            (w * 0.04, ry1 + h * 0.015),
            (w * 0.10, (ry0 + ry1) / 2 + h * 0.01),
        ],
        fill=GOLD,
    )
    d.rectangle([w * 0.14, ry0, w * 0.86, ry1], fill=(232, 196, 72))
    font_path = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSans-Bold.ttf"
    text = name.upper()
    font_size = int(h * 0.05)
    font = ImageFont.truetype(str(font_path), font_size)
    while d.textlength(text, font=font) > w * 0.68 and font_size > 10:
        font_size -= 4
        font = ImageFont.truetype(str(font_path), font_size)
    d.text((w / 2, (ry0 + ry1) / 2), text, fill=DARK, font=font, anchor="mm")
    img = img.resize(size, Image.LANCZOS)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def ensure_pemda_logo(pemda) -> bool:
    """Give a Pemda without a logo the placeholder shield. Returns True when one was drawn."""
    if pemda.logo and pemda.logo.name and pemda.logo.storage.exists(pemda.logo.name):
        return False
    data = draw_placeholder_logo(pemda.name)
    pemda.logo.save(f"lambang-{pemda.name.lower().replace(' ', '-')}-placeholder.png", ContentFile(data), save=True)
    return True
