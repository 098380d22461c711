"""manage.py sop_import / sop_lint / sop_render, as the issue specifies them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sakip.sop.models import Sop, SopVersion

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_sop_import_pasted_table_needs_nomor_and_judul():
    with pytest.raises(CommandError, match="--nomor dan --judul wajib"):
        run("sop_import", str(DATA / "seed_procedure.tsv"), "--opd", "Dinsospermasdes")


def test_sop_import_pasted_table_creates_a_new_sop(dinas):
    out = run(
        "sop_import",
        str(DATA / "seed_procedure.tsv"),
        "--opd",
        "dinsospermasdes",
        "--nomor",
        "061.1/500",
        "--judul",
        "Pengukuran Kinerja Uji",
    )
    assert "14 langkah, 4 pelaksana, 795 menit = 13 jam 15 menit" in out and "kesalahan" in out
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/500")
    assert (version.version, version.status, version.sop.unit) == (1, "draft", None)


def test_sop_import_existing_nomor_makes_a_new_draft_version_in_a_unit(dinas, tmp_path):
    out = run(
        "sop_import",
        str(DATA / "seed_procedure.tsv"),
        "--opd",
        "Dinsospermasdes",
        "--nomor",
        "061.1/364",
        "--judul",
        "Pelaksanaan Rapat",
    )
    assert "versi 2 (draf)" in out
    assert SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/364", version=2).status == "draft"
    out = run(
        "sop_import",
        str(DATA / "seed_procedure.tsv"),
        "--opd",
        "Dinsospermasdes",
        "--unit",
        "Rehsos",
        "--nomor",
        "RS-9",
        "--judul",
        "Unit",
    )
    assert Sop.objects.get(opd=dinas, number="RS-9").unit.name == "Bidang Rehabilitasi Sosial"


def test_sop_import_docx_and_overrides(dinas, seed_v2, tmp_path):
    from sakip.sop.docx_export import sop_docx

    path = tmp_path / "sop.docx"
    path.write_bytes(sop_docx(seed_v2))
    out = run(
        "sop_import",
        str(path),
        "--opd",
        "Dinsospermasdes",
        "--nomor",
        "061.1/600",
        "--judul",
        "Pengukuran Kinerja Impor",
    )
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/600")
    assert version.judul == "Pengukuran Kinerja Impor" and version.steps.count() == 14 and version.source == "docx"
    assert "925 menit" in out


def test_sop_import_xlsx_template(dinas, tmp_path):
    from sakip.sop.readers import template_bytes

    path = tmp_path / "templat.xlsx"
    path.write_bytes(template_bytes())
    run("sop_import", str(path), "--opd", "Dinsospermasdes", "--nomor", "061.1/601")
    version = SopVersion.objects.get(sop__opd=dinas, sop__number="061.1/601")
    assert version.steps.get(number=2).kind == "decision" and version.judul == "Pengukuran Kinerja"


@pytest.mark.parametrize(
    "args,message",
    [
        (["nope.txt"], "tidak ditemukan"),
        (
            [str(DATA / "seed_procedure.tsv"), "--nomor", "X", "--judul", "Y", "--opd", "Tidak Ada"],
            'OPD "Tidak Ada" tidak ditemukan',
        ),
        (
            [str(DATA / "seed_procedure.tsv"), "--nomor", "X", "--judul", "Y", "--unit", "Bidang Antah"],
            'Unit "Bidang Antah" tidak ditemukan',
        ),
    ],
)
def test_sop_import_failures_exit_non_zero(args, message):
    if "--opd" not in args:
        args = args + ["--opd", "Dinsospermasdes"]
    with pytest.raises(CommandError, match=message):
        run("sop_import", *args)


def test_sop_import_bad_rows_imports_nothing(tmp_path):
    bad = tmp_path / "rusak.tsv"
    bad.write_text((DATA / "seed_procedure.tsv").read_text().replace("\t240\t", "\tempat jam\t"), encoding="utf-8")
    before = SopVersion.objects.count()
    with pytest.raises(CommandError, match="Tidak ada yang diimpor") as exc:
        run("sop_import", str(bad), "--opd", "Dinsospermasdes", "--nomor", "061.1/502", "--judul", "Rusak")
    assert "langkah 7" in str(exc.value)
    assert SopVersion.objects.count() == before


def test_sop_lint_json_of_the_2021_version():
    data = json.loads(run("sop_lint", "061.1/366", "--opd", "Dinsospermasdes", "--versi", "1", "--json"))
    assert data and all({"code", "severity", "where", "message", "fix"} <= set(item) for item in data)
    assert {item["severity"] for item in data} <= {"error", "warning", "info"}
    messages = " ".join(item["message"] for item in data)
    assert "Kepala Badan" in messages and "Kasubbid Data" in messages and "Kabid Perencanaan Umum" in messages
    assert any(item["code"] == "similar-other-opd" and item["similarity"] >= 0.9 for item in data)


def test_sop_lint_defaults_to_the_version_in_force_and_exits_zero():
    out = run("sop_lint", "061.1/366", "--opd", "Dinsospermasdes")
    assert "versi 2" in out and "Bersih" in out
    assert json.loads(run("sop_lint", "061.1/366", "--opd", "Dinsospermasdes", "--json")) == []
    out = run("sop_lint", "460/RS-01", "--opd", "Dinsospermasdes")  # a draft: the latest version
    assert "identity-empty" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["999/999", "--opd", "Dinsospermasdes"], "tidak terdaftar"),
        (["061.1/366", "--opd", "Dinsospermasdes", "--versi", "9"], "tidak memiliki versi 9"),
    ],
)
def test_sop_lint_unknown_sop(args, message):
    with pytest.raises(CommandError, match=message):
        run("sop_lint", *args)


def test_sop_render_svg_docx_and_pdf(tmp_path):
    svg = tmp_path / "alir.svg"
    run("sop_render", "061.1/366", "--opd", "Dinsospermasdes", "--format", "svg", "-o", str(svg))
    text = svg.read_text(encoding="utf-8")
    assert (
        text.startswith("<?xml") and text.count('class="sop-shape"') >= 14 and "ke lembar" not in text
    )  # one piece, no page breaks
    docx = tmp_path / "sop.docx"
    run("sop_render", "061.1/366", "--opd", "Dinsospermasdes", "--versi", "1", "--format", "docx", "-o", str(docx))
    assert docx.read_bytes()[:2] == b"PK"
    pdf = tmp_path / "sop.pdf"
    out = run("sop_render", "061.1/366", "--opd", "Dinsospermasdes", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes()[:5] == b"%PDF-" and "versi 2" in out
    with pytest.raises(CommandError, match="tidak ada"):
        run(
            "sop_render",
            "061.1/366",
            "--opd",
            "Dinsospermasdes",
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "tidak" / "ada.pdf"),
        )
