"""Reference tables shipped with sakip (see README.md here for sources and confidence)."""

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows(name):
    """Rows of a reference CSV as dicts: rows("pangkat_golongan")."""
    with (HERE / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
