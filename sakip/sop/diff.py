"""Differences between two versions of an SOP: identity fields, lanes and steps."""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from sakip.core.formats import tanggal

IDENTITY = [
    ("judul", "Judul SOP"),
    ("jenis", "Jenis SOP"),
    ("jenis_kegiatan", "Jenis kegiatan"),
    ("made_on", "Tanggal pembuatan"),
    ("revised_on", "Tanggal revisi"),
    ("effective_on", "Tanggal efektif"),
    ("disahkan", "Disahkan oleh"),
    ("dasar_hukum", "Dasar hukum"),
    ("kualifikasi_pelaksana", "Kualifikasi pelaksana"),
    ("keterkaitan", "Keterkaitan"),
    ("peralatan", "Peralatan/perlengkapan"),
    ("peringatan", "Peringatan"),
    ("pencatatan", "Pencatatan dan pendataan"),
    ("pj_produk", "Penanggung jawab produk"),
    ("pj_kegiatan", "Penanggung jawab kegiatan"),
    ("ruang_lingkup", "Ruang lingkup"),
]
STEP_FIELDS = [
    ("uraian", "Uraian"),
    ("kind", "Bentuk"),
    ("lanes", "Pelaksana"),
    ("kelengkapan", "Kelengkapan"),
    ("waktu", "Waktu"),
    ("output", "Output"),
    ("keterangan", "Keterangan"),
    ("action", "Aksi sistem"),
    ("utama", "Langkah utama"),
    ("branches", "Cabang"),
]


@dataclass
class Change:
    label: str
    old: str
    new: str

    @property
    def inline(self):
        """Word-level diff as HTML (<del>/<ins>)."""
        a, b = self.old.split(), self.new.split()
        out = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
            if op == "equal":
                out.append(escape(" ".join(a[i1:i2])))
            if op in ("delete", "replace"):
                out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
            if op in ("insert", "replace"):
                out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
        return mark_safe(" ".join(out))


@dataclass
class StepDiff:
    number: int
    status: str  # added | removed | changed
    changes: list[Change] = field(default_factory=list)
    uraian: str = ""


@dataclass
class VersionDiff:
    identity: list[Change]
    lanes: list[Change]
    steps: list[StepDiff]

    @property
    def empty(self):
        return not (self.identity or self.lanes or self.steps)


def _value(version, name):
    if name == "disahkan":
        if version.approved_by_employee_id:
            return f"{version.approved_by_employee.full_name} ({tanggal(version.approved_on)})"
        return ""
    if name == "keterkaitan":
        linked = [f"SOP {s.judul}" for s in version.keterkaitan_sop.all()]
        return "\n".join(linked + version.list_of("keterkaitan"))
    value = getattr(version, name)
    display = getattr(version, f"get_{name}_display", None)
    if display:
        return str(display())
    if hasattr(value, "year"):
        return tanggal(value)
    return str(value or "")


def _steps(version):
    lanes = {lane.pk: lane.label for lane in version.lanes.all()}
    out = {}
    for s in version.steps.all():
        out[s.number] = {
            "uraian": s.uraian,
            "kind": s.get_kind_display(),
            "lanes": ", ".join(lanes.get(lane.pk, "?") for lane in sorted(s.lanes.all(), key=lambda x: x.order)),
            "kelengkapan": s.kelengkapan,
            "waktu": s.waktu_display,
            "output": s.output,
            "keterangan": s.keterangan or (f"SOP {s.keterangan_sop.judul}" if s.keterangan_sop_id else ""),
            "action": s.get_action_display(),
            "utama": "ya" if s.utama else "tidak",
            "branches": f"Ya → {s.ya_ke or '-'}, Tidak → {s.tidak_ke or '-'}" if s.kind == "decision" else "",
        }
    return out


def compare(old, new) -> VersionDiff:
    identity = []
    for name, label in IDENTITY:
        a, b = _value(old, name), _value(new, name)
        if a != b:
            identity.append(Change(label, a, b))
    old_lanes = [f"{lane.label} ({lane.mapping_display})" for lane in old.lanes.all()]
    new_lanes = [f"{lane.label} ({lane.mapping_display})" for lane in new.lanes.all()]
    lanes = []
    if old_lanes != new_lanes:
        lanes.append(Change("Pelaksana", "\n".join(old_lanes), "\n".join(new_lanes)))
    a_steps, b_steps = _steps(old), _steps(new)
    steps = []
    for number in sorted(set(a_steps) | set(b_steps)):
        a, b = a_steps.get(number), b_steps.get(number)
        if a is None:
            steps.append(StepDiff(number, "added", uraian=b["uraian"]))
        elif b is None:
            steps.append(StepDiff(number, "removed", uraian=a["uraian"]))
        else:
            changes = [Change(label, a[key], b[key]) for key, label in STEP_FIELDS if a[key] != b[key]]
            if changes:
                steps.append(StepDiff(number, "changed", changes, b["uraian"]))
    return VersionDiff(identity, lanes, steps)
