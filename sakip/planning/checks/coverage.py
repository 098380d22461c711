"""Cascade coverage (pohon kinerja), PermenPAN-RB 88/2021 criterion 1.b ("cascading logis",
"setiap pegawai menetapkan rencana kinerja") and docs/rules.md §2.

Rules: every IKU reaches at least one Administrator result (sasaran program, level 2) and one
Pengawas result (sasaran kegiatan, level 3); every position holder has at least one indicator
(IKI) on a result of his position; every result of levels 2–4 traces up to an IKU. A result
supports the IKU it names as `parent_indicator`, or every IKU of its parent when it names none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVEL_LABEL = {
    0: "Tujuan",
    1: "Sasaran strategis",
    2: "Sasaran program",
    3: "Sasaran kegiatan",
    4: "Rencana hasil kerja",
}
# Expected levels per position kind (organization.Position.Kind values).
EXPECTED_LEVELS = {"jpt_pratama": {0, 1}, "administrator": {2}, "pengawas": {3}, "pelaksana": {4}, "fungsional": {4}}


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    level: int
    position_id: int
    label: str
    parent_indicator_id: int | None = None


@dataclass(frozen=True)
class Ind:
    id: int
    node_id: int
    is_iku: bool
    label: str


@dataclass(frozen=True)
class Holder:
    position_id: int
    position: str
    kind: str
    employee: str
    employee_id: int | None = None
    prefix: str = ""
    unit: str = ""


GAP_LABEL = {
    "iku_tanpa_administrator": "IKU belum diturunkan ke Administrator",
    "iku_tanpa_pengawas": "IKU belum diturunkan ke Pengawas",
    "tidak_sampai_iku": "Kinerja tidak sampai ke IKU",
    "jenjang_tidak_sesuai": "Jenjang kinerja tidak sesuai atasannya",
    "jenjang_jabatan": "Jenjang kinerja tidak sesuai jabatan",
    "pemegang_tanpa_iki": "Pemegang jabatan tanpa IKI",
}


@dataclass(frozen=True)
class Gap:
    code: str
    message: str
    position_id: int | None = None
    position: str = ""
    employee: str = ""
    node_id: int | None = None
    indicator_id: int | None = None
    unit: str = ""

    @property
    def label(self) -> str:
        return GAP_LABEL.get(self.code, self.code)


@dataclass
class IkuReach:
    indicator_id: int
    label: str
    administrator: list = field(default_factory=list)  # node ids (level 2)
    pengawas: list = field(default_factory=list)  # node ids (level 3)
    individu: list = field(default_factory=list)  # node ids (level 4)

    @property
    def complete(self) -> bool:
        return bool(self.administrator) and bool(self.pengawas)


@dataclass
class CoverageReport:
    ikus: list[IkuReach]
    gaps: list[Gap]
    supported: dict  # node id -> set of IKU indicator ids it traces up to
    holders_total: int = 0
    holders_with_iki: int = 0

    @property
    def ok(self) -> bool:
        return not self.gaps

    @property
    def node_problems(self) -> dict:
        out: dict = {}
        for gap in self.gaps:
            if gap.node_id is not None:
                out.setdefault(gap.node_id, []).append(gap.message)
        return out

    @property
    def positions_without_iki(self) -> list[Gap]:
        return [g for g in self.gaps if g.code == "pemegang_tanpa_iki"]

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "holders_total": self.holders_total,
            "holders_with_iki": self.holders_with_iki,
            "ikus": [
                {
                    "indicator_id": r.indicator_id,
                    "label": r.label,
                    "administrator": list(r.administrator),
                    "pengawas": list(r.pengawas),
                    "individu": list(r.individu),
                    "complete": r.complete,
                }
                for r in self.ikus
            ],
            "gaps": [gap.__dict__ | {"label": gap.label} for gap in self.gaps],
        }


def supported_ikus(nodes: dict[int, Node], indicators_by_node: dict[int, list[Ind]]) -> dict[int, set]:
    """node id → the set of IKU ids the node traces up to (cycle-safe)."""
    memo: dict[int, set] = {}

    def iku_ids(node_id):
        return {i.id for i in indicators_by_node.get(node_id, []) if i.is_iku}

    def resolve(node_id, seen):
        if node_id in memo:
            return memo[node_id]
        node = nodes[node_id]
        if node_id in seen:  # a cycle never reaches an IKU
            return set()
        seen = seen | {node_id}
        if node.level <= 1 and node.parent_id is None:
            result = iku_ids(node_id)
        elif node.parent_id is None or node.parent_id not in nodes:
            result = set()
        else:
            parent = nodes[node.parent_id]
            if parent.level <= 1:
                parent_ikus = iku_ids(parent.id)
                if node.parent_indicator_id is not None:
                    result = {node.parent_indicator_id} & parent_ikus
                else:
                    result = set(parent_ikus)
                if node.level <= 1:  # a sasaran under a tujuan keeps its own IKU as well
                    result |= iku_ids(node_id)
            else:
                result = set(resolve(parent.id, seen))
        memo[node_id] = result
        return result

    for node_id in nodes:
        resolve(node_id, frozenset())
    return memo


def check_coverage(nodes: list[Node], indicators: list[Ind], holders: list[Holder]) -> CoverageReport:
    by_id = {n.id: n for n in nodes}
    ind_by_node: dict[int, list[Ind]] = {}
    for ind in indicators:
        ind_by_node.setdefault(ind.node_id, []).append(ind)
    supported = supported_ikus(by_id, ind_by_node)
    gaps: list[Gap] = []
    holder_by_pos = {h.position_id: h for h in holders}

    def owner(node):
        h = holder_by_pos.get(node.position_id)
        return (h.position, h.employee, h.unit) if h else ("", "", "")

    # 1. every IKU reaches an Administrator and a Pengawas result
    reaches = []
    for ind in indicators:
        if not ind.is_iku:
            continue
        reach = IkuReach(ind.id, ind.label)
        for node in nodes:
            if ind.id in supported.get(node.id, ()):
                if node.level == 2:
                    reach.administrator.append(node.id)
                elif node.level == 3:
                    reach.pengawas.append(node.id)
                elif node.level == 4:
                    reach.individu.append(node.id)
        reaches.append(reach)
        node = by_id.get(ind.node_id)
        pos, emp, unit = owner(node) if node else ("", "", "")
        if not reach.administrator:
            gaps.append(
                Gap(
                    "iku_tanpa_administrator",
                    f'IKU "{ind.label}" belum diturunkan ke sasaran program (Administrator).',
                    node.position_id if node else None,
                    pos,
                    emp,
                    ind.node_id,
                    ind.id,
                    unit,
                )
            )
        if not reach.pengawas:
            gaps.append(
                Gap(
                    "iku_tanpa_pengawas",
                    f'IKU "{ind.label}" belum diturunkan ke sasaran kegiatan (Pengawas).',
                    node.position_id if node else None,
                    pos,
                    emp,
                    ind.node_id,
                    ind.id,
                    unit,
                )
            )

    # 2. every result of levels 2–4 traces up to an IKU; levels fit the position and the parent
    for node in nodes:
        pos, emp, unit = owner(node)
        if node.level >= 2 and not supported.get(node.id):
            if node.parent_id is None:
                why = "tidak memiliki kinerja atasan"
            else:
                why = "rantai ke atas tidak sampai pada IKU"
            gaps.append(
                Gap(
                    "tidak_sampai_iku",
                    f'{LEVEL_LABEL.get(node.level, "Kinerja")} "{node.label}" {why}.',
                    node.position_id,
                    pos,
                    emp,
                    node.id,
                    None,
                    unit,
                )
            )
        parent = by_id.get(node.parent_id) if node.parent_id else None
        if parent is not None and parent.level >= node.level:
            gaps.append(
                Gap(
                    "jenjang_tidak_sesuai",
                    f'"{node.label}" (tingkat {node.level}) berada di bawah kinerja tingkat '
                    f"{parent.level}; turunan harus satu jenjang di bawah atasannya.",
                    node.position_id,
                    pos,
                    emp,
                    node.id,
                    None,
                    unit,
                )
            )
        h = holder_by_pos.get(node.position_id)
        if h and h.kind in EXPECTED_LEVELS and node.level not in EXPECTED_LEVELS[h.kind]:
            gaps.append(
                Gap(
                    "jenjang_jabatan",
                    f'"{node.label}" adalah {LEVEL_LABEL.get(node.level, "").lower()} tetapi pemiliknya '
                    f"jabatan {h.kind.replace('_', ' ')}.",
                    node.position_id,
                    h.position,
                    h.employee,
                    node.id,
                    None,
                    h.unit,
                )
            )

    # 3. every position holder has at least one indicator (IKI) on a result of his position
    positions_with_indicator = {by_id[i.node_id].position_id for i in indicators if i.node_id in by_id}
    with_iki = 0
    for h in holders:
        if h.position_id in positions_with_indicator:
            with_iki += 1
        else:
            gaps.append(
                Gap(
                    "pemegang_tanpa_iki",
                    f"{h.prefix}{h.position} ({h.employee}) belum memiliki indikator kinerja individu (IKI).",
                    h.position_id,
                    h.position,
                    h.employee,
                    None,
                    None,
                    h.unit,
                )
            )
    return CoverageReport(reaches, gaps, supported, len(holders), with_iki)
