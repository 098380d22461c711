"""Finding the roles and positions an SOP's text names, and resolving them against an OPD — pure Python.

"Kepala Badan mengoreksi …" names the head of a *Badan*; "Menyampaikan data kinerja kepada
Kasubbid Data" names the head of a *Subbidang Data*; "Kabid Perencanaan Umum" names the head of a
*Bidang Perencanaan Umum*. Whether those exist depends on the OPD: a Dinas has Bidang, Seksi and
Subbagian, but no Subbidang and no "Kepala Badan". The facts about the OPD (kind, units,
positions) and about the other OPDs of the installation are passed in as plain data.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

# Unit kinds as in sakip.organization.models.Unit.Kind, plus "bagian" (Sekretariat Daerah).
HEAD, SEKRETARIS, TIM = "head", "sekretaris", "tim"
UNIT_LEVEL_KINDS = ("bidang", "subbidang", "subbagian", "seksi", "bagian", "uptd", "irban", "subkoordinator")
KIND_WORDS = {
    "bidang": "Bidang",
    "subbidang": "Subbidang",
    "subbagian": "Subbagian",
    "seksi": "Seksi",
    "bagian": "Bagian",
    "uptd": "UPTD",
    "irban": "Inspektur Pembantu",
    "subkoordinator": "Subkoordinator",
}
OPD_KIND_WORDS = {
    "dinas": "dinas",
    "badan": "badan",
    "inspektorat": "inspektorat",
    "kecamatan": "kecamatan",
    "kadis": "dinas",
    "kaban": "badan",
    "camat": "kecamatan",
    "inspektur": "inspektorat",
}
GENERIC_HEAD_WORDS = {"opd", "skpd", "perangkat daerah", "pd", "unit kerja"}
STOP_WORDS = {
    "kepada",
    "untuk",
    "oleh",
    "dari",
    "ke",
    "di",
    "pada",
    "yang",
    "dengan",
    "atau",
    "serta",
    "selaku",
    "sebagai",
    "tentang",
    "terkait",
}
VERB_PREFIX = re.compile(r"^(meng|meny|mem|men|mel|mer|mew|mey|menge)[a-z]{2,}$")
CONNECTORS = {"dan", "&"}


@dataclass(frozen=True)
class UnitFact:
    name: str
    kind: str
    short_name: str = ""


@dataclass(frozen=True)
class PositionFact:
    name: str
    short_name: str = ""
    unit_name: str = ""
    unit_kind: str = ""
    is_head: bool = False
    kind: str = ""  # jpt_pratama, administrator, pengawas, pelaksana, fungsional


@dataclass
class OpdFacts:
    name: str
    akronim: str
    kind: str  # dinas, badan, inspektorat, sekretariat, kecamatan
    units: list[UnitFact] = field(default_factory=list)
    positions: list[PositionFact] = field(default_factory=list)

    @property
    def head_short(self):
        head = next((p for p in self.positions if p.is_head), None)
        return (head.short_name or head.name) if head else f"Kepala {self.akronim}"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # head, sekretaris, tim, or a unit-level kind
    qualifier: str = ""  # head/sekretaris: "dinas", "badan", an akronim…; tim: the role
    name: str = ""  # unit-level: the unit's name as written ("Data", "Perencanaan Umum")


@dataclass
class Resolution:
    ok: bool
    reason: str = ""
    foreign: list[tuple[str, str]] = field(default_factory=list)  # (akronim of another OPD, what it is there)
    unit: str = ""  # the unit of this OPD it resolved to


def _words(text):
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in CONNECTORS]


def _tokens_match(name_tokens, unit_tokens):
    """Every written token is a prefix of a unit token (or the reverse), four letters at least."""
    if not name_tokens:
        return True
    for t in name_tokens:
        if not any((u.startswith(t) or t.startswith(u)) and min(len(t), len(u)) >= 4 or t == u for u in unit_tokens):
            return False
    return True


def _unit_tokens(unit: UnitFact):
    tokens = _words(unit.name)
    kind_word = _words(KIND_WORDS.get(unit.kind, ""))
    if tokens[: len(kind_word)] == kind_word:
        tokens = tokens[len(kind_word) :]
    if tokens[:1] == ["sub"] and unit.kind in ("subbidang", "subbagian"):
        tokens = tokens[2:]
    return tokens + _words(unit.short_name)


@lru_cache(maxsize=32)
def _build_patterns(akronims: tuple):
    akr = "|".join(sorted((re.escape(a) for a in akronims if a), key=len, reverse=True)) or "(?!x)x"
    return [
        ("tim", re.compile(r"\b(sek(?:retaris)?\.?\s*tim(?:\s+sakip)?)\b", re.I), "sekretaris"),
        ("tim", re.compile(r"\b(anggota\s+tim(?:\s+sakip)?)\b", re.I), "anggota"),
        ("tim", re.compile(r"\b(ketua\s+tim(?:\s+sakip)?)\b", re.I), "ketua"),
        (
            "head",
            re.compile(r"\bkepala\s+(dinas|badan|inspektorat|kecamatan|opd|skpd|perangkat\s+daerah)\b", re.I),
            None,
        ),
        ("head", re.compile(rf"\bkepala\s+({akr})\b", re.I), None),
        ("head", re.compile(r"\b(kadis|kaban|camat)\b", re.I), None),
        ("head", re.compile(r"\b(inspektur)\b(?!\s+pembantu)", re.I), None),
        ("irban", re.compile(r"\b(?:irban|inspektur\s+pembantu)\b", re.I), None),
        ("subbidang", re.compile(r"\b(?:kasubbid|kasubid|kepala\s+sub\s*bidang)\b", re.I), None),
        ("subbagian", re.compile(r"\b(?:kasubbag|kasubag|kepala\s+sub\s*bagian)\b", re.I), None),
        ("subkoordinator", re.compile(r"\b(?:kasubkor|sub\s*koordinator)\b", re.I), None),
        ("bidang", re.compile(r"\b(?:kabid|kepala\s+bidang)\b", re.I), None),
        ("bagian", re.compile(r"\b(?:kabag|kepala\s+bagian)\b", re.I), None),
        ("seksi", re.compile(r"\b(?:kasi|kasie|kepala\s+seksi)\b", re.I), None),
        ("uptd", re.compile(r"\b(?:ka\.?\s*uptd|kepala\s+uptd)\b", re.I), None),
        (
            "sekretaris",
            re.compile(
                r"\b(sekretaris|sekdin|sekban)\b(?!\s*tim)(?:\s+(dinas|badan|opd|skpd|daerah|inspektorat|kecamatan))?",
                re.I,
            ),
            None,
        ),
    ]


def _capture_name(text, pos, stop_tokens):
    """Capitalised words after a title: "Kasubbid Data" → "Data"; stops at verbs, OPD names, stop words."""
    words = []
    for match in re.finditer(r"\S+", text[pos:]):
        raw = match.group(0)
        word = raw.strip(".,;:()\"'")
        low = word.lower()
        if not word:
            break
        if low in CONNECTORS and words:
            words.append(word)
            continue
        if low in STOP_WORDS or low in stop_tokens or VERB_PREFIX.match(low) or not word[0].isupper():
            break
        words.append(word)
        if raw != word and raw[-1:] in ",;:)":
            break
        if len(words) >= 6:
            break
    while words and words[-1].lower() in CONNECTORS:
        words.pop()
    return " ".join(words)


def find_mentions(text: str, akronims=()) -> list[Mention]:
    """Role mentions in a text, in order, without overlaps (longest pattern first)."""
    text = text or ""
    stop_tokens = {a.lower() for a in akronims}
    found: list[Mention] = []
    taken = []
    for kind, pattern, fixed in _build_patterns(tuple(akronims)):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = Mention(m.start(), m.end(), m.group(0), kind)
            if kind == "tim":
                mention.qualifier = fixed
            elif kind == "head":
                mention.qualifier = m.group(1).lower()
            elif kind == "sekretaris":
                mention.qualifier = (m.group(2) or "").lower()
            else:
                mention.name = _capture_name(text, m.end(), stop_tokens)
                if mention.name:
                    mention.end = (
                        m.end() + text[m.end() :].find(mention.name.split()[-1]) + len(mention.name.split()[-1])
                    )
                    mention.text = text[mention.start : mention.end]
            taken.append((mention.start, mention.end))
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _opd_kind_of(qualifier):
    q = " ".join(qualifier.lower().split())
    return OPD_KIND_WORDS.get(q)


def resolve(mention: Mention, opd: OpdFacts, others: list[OpdFacts]) -> Resolution:
    """Does the OPD have the role the mention names? If not, which other OPD has it?"""
    if mention.kind == TIM:
        return Resolution(True)
    if mention.kind == HEAD:
        q = " ".join(mention.qualifier.split())
        if q in GENERIC_HEAD_WORDS or q == opd.akronim.lower():
            return Resolution(True)
        kind = _opd_kind_of(q)
        if kind is None:  # "Kepala <akronim of another OPD>"
            foreign = [(o.akronim, f"pimpinan {o.akronim}") for o in others if o.akronim.lower() == q]
            return Resolution(False, f'"{mention.text}" adalah pimpinan OPD lain', foreign)
        if kind == opd.kind:
            return Resolution(True)
        foreign = [(o.akronim, f"pimpinan {o.akronim}") for o in others if o.kind == kind]
        foreign = foreign if len(foreign) <= 2 else []  # "Kepala Badan" with many Badan: too vague to name one
        return Resolution(
            False,
            f'{opd.akronim} adalah {opd.kind.capitalize()}, bukan {kind.capitalize()}: tidak ada "{mention.text}"',
            foreign,
        )
    if mention.kind == SEKRETARIS:
        q = mention.qualifier
        if q == "daerah":
            return Resolution(True)
        if q and _opd_kind_of(q) not in (None, opd.kind) and q not in GENERIC_HEAD_WORDS:
            kind = _opd_kind_of(q)
            foreign = [(o.akronim, f"sekretaris {o.akronim}") for o in others if o.kind == kind]
            return Resolution(
                False, f'{opd.akronim} adalah {opd.kind.capitalize()}: tidak ada "{mention.text}"', foreign
            )
        if any(u.kind == "sekretariat" for u in opd.units) or any(
            "sekretaris" in p.name.lower() for p in opd.positions
        ):
            return Resolution(True)
        return Resolution(False, f"{opd.akronim} tidak memiliki Sekretariat")
    # Unit-level roles.
    kind = mention.kind
    units = [u for u in opd.units if _unit_is_kind(u, kind)]
    name_tokens = _words(mention.name)
    foreign = _foreign_units(mention, kind, name_tokens, others)
    if not units:
        return Resolution(False, f"{opd.akronim} tidak memiliki {KIND_WORDS[kind]}", foreign)
    if not name_tokens:
        return Resolution(True)
    for unit in units:
        if _tokens_match(name_tokens, _unit_tokens(unit)):
            return Resolution(True, unit=unit.name)
    for p in opd.positions:
        if p.short_name and _norm(p.short_name) == _norm(mention.text):
            return Resolution(True, unit=p.unit_name)
    return Resolution(False, f"{opd.akronim} tidak memiliki {KIND_WORDS[kind]} {mention.name}", foreign)


def _norm(text):
    return " ".join(_words(text))


def _unit_is_kind(unit: UnitFact, kind: str) -> bool:
    if kind == "bagian":
        return unit.name.lower().startswith("bagian")
    if kind == "irban":
        return unit.name.lower().startswith("inspektur pembantu") or unit.short_name.lower().startswith("irban")
    return unit.kind == kind


def _foreign_units(mention, kind, name_tokens, others):
    out = []
    for other in others:
        hit = None
        for p in other.positions:
            if p.short_name and _norm(p.short_name) == _norm(mention.text):
                hit = f"jabatan {p.short_name} ({p.name})"
                break
        if hit is None and name_tokens:
            for unit in other.units:
                if _unit_is_kind(unit, kind) and _tokens_match(name_tokens, _unit_tokens(unit)):
                    hit = f"unit {unit.name}"
                    break
        if hit:
            out.append((other.akronim, hit))
    return out


def role_key(mention: Mention, resolution: Resolution | None = None):
    """A comparable key for an actor: ("head", None), ("sekretaris", None), ("bidang", "rehabilitasi sosial"), ("tim",
    "anggota").
    """
    if mention.kind == TIM:
        return (TIM, mention.qualifier)
    if mention.kind in (HEAD, SEKRETARIS):
        return (mention.kind, None)
    name = _norm(resolution.unit) if resolution and resolution.unit else (_norm(mention.name) or None)
    return (mention.kind, name)


def keys_match(actor, lane) -> bool:
    if actor[0] != lane[0]:
        return False
    if actor[0] == TIM:
        return actor[1] == lane[1]
    if actor[1] is None or lane[1] is None:
        return True
    a, b = actor[1].split(), lane[1].split()
    return _tokens_match(a, b) or _tokens_match(b, a)


def position_keys(position: PositionFact):
    """Keys a position answers to, from its place in the organisation."""
    keys = set()
    if position.is_head:
        keys.add((HEAD, None))
    if position.unit_kind == "sekretariat" and position.kind in ("administrator", ""):
        keys.add((SEKRETARIS, None))
    if position.unit_kind in UNIT_LEVEL_KINDS and position.kind in ("administrator", "pengawas", ""):
        unit = UnitFact(position.unit_name, position.unit_kind)
        keys.add((position.unit_kind, " ".join(_unit_tokens(unit)) or None))
    return keys


ALL_UNIT_HEAD_KEYS = {(SEKRETARIS, None)} | {(k, None) for k in UNIT_LEVEL_KINDS}
