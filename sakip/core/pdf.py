"""HTML → PDF with WeasyPrint, with the fonts shipped in static/fonts (Liberation Sans/Serif,
metric-compatible with Arial/Times New Roman), so documents look the same on every machine.

Every official document extends "core/print/base_print.html" (F4 paper, margins, page numbers)
and includes "core/print/kop.html" (the letterhead from the Pemda and OPD data).
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def font_face_css() -> str:
    faces = []
    for family, stem in (("Liberation Serif", "LiberationSerif"), ("Liberation Sans", "LiberationSans")):
        for suffix, weight, style in (
            ("Regular", "normal", "normal"),
            ("Bold", "bold", "normal"),
            ("Italic", "normal", "italic"),
            ("BoldItalic", "bold", "italic"),
        ):
            path = FONT_DIR / f"{stem}-{suffix}.ttf"
            faces.append(
                f"@font-face {{ font-family: '{family}'; src: url('{path.as_uri()}'); font-weight: "
                f"{weight}; font-style: {style}; }}"
            )
    return "\n".join(faces)


def render_pdf_from_html(html: str, *, base_url=None) -> bytes:
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=font_face_css())]
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes."""
    return render_pdf_from_html(render_to_string(template_name, context))


def logo_uri(image_field) -> str:
    """file:// URI of an uploaded logo for WeasyPrint, or "" (then the kop shows no logo)."""
    if image_field and getattr(image_field, "name", ""):
        try:
            return Path(image_field.path).as_uri()
        except (ValueError, NotImplementedError):
            return ""
    return ""
