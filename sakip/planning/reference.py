"""Reference data of the planning app: the Permendagri 90/2019 nomenclature (kode → program,
kegiatan, sub kegiatan) shipped in sakip/core/reference/nomenklatur_sosial_pmd.csv, and the default
predicate scales for qualitative targets."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import Nomenclature, PredicateLevel, PredicateScale

NOMENKLATUR_CSV = Path(__file__).resolve().parents[1] / "core" / "reference" / "nomenklatur_sosial_pmd.csv"

# Qualitative scales: label → score used by the capaian engine as a `max` indicator.
DEFAULT_SCALES = {
    "Predikat kualitatif (Sangat Baik–Sangat Kurang)": [
        ("Sangat Baik", "100"),
        ("Baik", "80"),
        ("Cukup", "60"),
        ("Kurang", "40"),
        ("Sangat Kurang", "20"),
    ],
    "Predikat SAKIP (PermenPAN-RB 88/2021)": [
        ("AA", "100"),
        ("A", "90"),
        ("BB", "80"),
        ("B", "70"),
        ("CC", "60"),
        ("C", "50"),
        ("D", "30"),
    ],
}


@transaction.atomic
def load_nomenclature(path=NOMENKLATUR_CSV) -> int:
    """Idempotent: update_or_create by code; parents resolved after all rows exist."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        Nomenclature.objects.update_or_create(
            code=row["kode"].strip(),
            defaults={"level": row["level"].strip(), "name": row["nomenklatur"].strip()},
        )
    by_kode = {n.code: n for n in Nomenclature.objects.all()}
    for row in rows:
        parent = by_kode.get((row.get("parent_kode") or "").strip())
        node = by_kode[row["kode"].strip()]
        if node.parent_id != (parent.pk if parent else None):
            node.parent = parent
            node.save(update_fields=["parent"])
    return len(rows)


@transaction.atomic
def load_scales(pemda) -> dict:
    out = {}
    for name, levels in DEFAULT_SCALES.items():
        scale, _ = PredicateScale.objects.get_or_create(pemda=pemda, name=name)
        for order, (label, score) in enumerate(levels):
            PredicateLevel.objects.update_or_create(
                scale=scale, label=label, defaults={"score": Decimal(score), "order": order}
            )
        out[name] = scale
    return out
