"""Server-side charts of the LKjIP (capaian per sasaran, capaian N vs N−1, serapan per programme),
drawn with matplotlib (Agg, no display): SVG for the PDF, PNG for the DOCX.

Text is drawn as paths in the SVG (matplotlib's default `svg.fonttype = "path"`), so no label —
indicator names are user text — ever reaches the document as markup.
"""

from __future__ import annotations

import base64
import os
from io import BytesIO

from django.conf import settings
from matplotlib.figure import Figure

os.environ.setdefault("MPLCONFIGDIR", str(getattr(settings, "VAR_DIR", "/tmp")) + "/matplotlib")

COLOURS = ("#2f5d8a", "#9bb7d4", "#c7792b")


def _figure(height):
    fig = Figure(figsize=(7.2, height), dpi=110)
    fig.set_layout_engine("constrained")
    return fig


def _short(text, n=48):
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _out(fig, fmt):
    buf = BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def bars(labels, series, *, title, xlabel, fmt="svg", reference=None):
    """Horizontal grouped bars: series = [(name, [value or None, …]), …] aligned with labels."""
    n = max(1, len(labels))
    fig = _figure(1.1 + 0.38 * n * max(1, len(series)) ** 0.5)
    ax = fig.add_subplot()
    height = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series):
        ys = [j + (i - (len(series) - 1) / 2) * height for j in range(len(labels))]
        xs = [float(v) if v is not None else 0.0 for v in values]
        ax.barh(ys, xs, height=height * 0.92, label=name, color=COLOURS[i % len(COLOURS)])
        for y, v in zip(ys, values):
            if v is not None:
                ax.text(float(v), y, f" {float(v):.2f}".replace(".", ","), va="center", fontsize=7)
    if reference is not None:
        ax.axvline(float(reference), color="#888", linewidth=0.8, linestyle="--")
    ax.set_yticks(range(len(labels)), [_short(label) for label in labels], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_title(title, fontsize=9)
    ax.tick_params(axis="x", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        ax.legend(fontsize=7, loc="lower right")
    return _out(fig, fmt)


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def lkjip_charts(data, fmt="svg") -> dict:
    """{"sasaran", "trend", "serapan"} charts (bytes) of hydrated LKjIP data; a chart without data is None."""
    year = data["year"]
    out = {"sasaran": None, "trend": None, "serapan": None}
    sas = [s for s in data["sasaran"] if s["average"] is not None]
    if sas:
        out["sasaran"] = bars(
            [s["title"] for s in sas],
            [(f"Capaian {year}", [s["average"] for s in sas])],
            title=f"Capaian per sasaran strategis {year} (%)",
            xlabel="%",
            fmt=fmt,
            reference=100,
        )
    rows = [r for s in data["sasaran"] for r in s["rows"] if r["capaian"] is not None]
    if rows:
        prev = [r.get("prev_capaian") for r in rows]
        series = [(f"Capaian {year}", [r["capaian"] for r in rows])]
        if any(v is not None for v in prev):
            series.insert(0, (f"Capaian {year - 1}", prev))
        out["trend"] = bars(
            [r["name"] for r in rows],
            series,
            title=f"Capaian indikator {year - 1} dan {year} (%)",
            xlabel="%",
            fmt=fmt,
            reference=100,
        )
    budget = [b for b in data["budget"] if b["serapan"] is not None]
    if budget:
        out["serapan"] = bars(
            [f"{b['code']} {b['label']}" for b in budget],
            [("Serapan", [b["serapan"] for b in budget])],
            title=f"Serapan anggaran per program {year} (%)",
            xlabel="%",
            fmt=fmt,
            reference=100,
        )
    return out
