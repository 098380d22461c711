"""Letter numbers: formatting and parsing (pure Python, no Django).

Tata naskah dinas (Permendagri 78/2012, later 83/2022 for the codes; Permendagri 1/2023 for the
layout): an outgoing letter's number is "<kode klasifikasi>/<nomor urut>/<tahun>" (e.g. "700/7327/2022"),
an SOP's "<kode>/<urut>" ("061.1/366"). The format is configured per document type.
"""

import re
import string

DEFAULT_FORMAT = "{klasifikasi}/{urut}/{tahun}"
PLACEHOLDERS = {
    "klasifikasi": r"[0-9]{3}(?:\.[0-9]+)*",
    "urut": r"[0-9]+",
    "tahun": r"[0-9]{4}",
    "bulan": r"[IVXL]+",
    "opd": r"[^/]+?",
    "unit": r"[^/]+?",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class NumberFormatError(ValueError):
    pass


def fields_of(fmt: str) -> list[str]:
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(fmt) if name is not None]


def validate_format(fmt: str) -> None:
    """A format must contain {urut} and only known placeholders."""
    try:
        names = fields_of(fmt)
    except ValueError as exc:
        raise NumberFormatError(f"Format nomor tidak valid: {exc}") from None
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        raise NumberFormatError(
            "Placeholder tidak dikenal: "
            + ", ".join("{" + n + "}" for n in unknown)
            + ". Yang tersedia: "
            + ", ".join("{" + n + "}" for n in PLACEHOLDERS)
            + "."
        )
    if "urut" not in names:
        raise NumberFormatError("Format nomor harus memuat {urut}.")
    if len(set(names)) != len(names):
        raise NumberFormatError("Setiap placeholder hanya boleh dipakai sekali.")


def format_number(
    fmt: str, *, urut: int, tahun: int, klasifikasi: str = "", bulan: int | None = None, opd: str = "", unit: str = ""
) -> str:
    """format_number("{klasifikasi}/{urut}/{tahun}", urut=7327, tahun=2022, klasifikasi="700") → "700/7327/2022"."""
    validate_format(fmt)
    if "klasifikasi" in fields_of(fmt) and not klasifikasi:
        raise NumberFormatError("Format nomor memerlukan kode klasifikasi.")
    values = {
        "urut": int(urut),
        "tahun": int(tahun),
        "klasifikasi": klasifikasi,
        "bulan": ROMAN[(bulan or 1) - 1],
        "opd": opd,
        "unit": unit,
    }
    return fmt.format(**values)


def normalize(number: str) -> str:
    """ "700 / 7327 / 2022" → "700/7327/2022" (spaces around the slashes are typographic)."""
    return re.sub(r"\s*/\s*", "/", (number or "").strip())


def parse_number(fmt: str, number: str) -> dict | None:
    """Split a number written in `fmt` into its parts ({"klasifikasi": "700", "urut": 7327, "tahun": 2022}),
    or None when it does not follow the format."""
    validate_format(fmt)
    pattern = ""
    for literal, name, _spec, _conv in string.Formatter().parse(fmt):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P<{name}>{PLACEHOLDERS[name]})"
    match = re.fullmatch(pattern, normalize(number))
    if not match:
        return None
    parts = match.groupdict()
    parts["urut"] = int(parts["urut"])
    if parts.get("tahun"):
        parts["tahun"] = int(parts["tahun"])
    return parts
