"""The register (agenda surat keluar): per OPD per year, gapless, external numbers, cancellations."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sakip.documents import services
from sakip.documents.models import DocumentType, NumberRecord

pytestmark = pytest.mark.django_db


def _last_2022(opd):
    """The last urut of the 2022 register (other apps' demos may have added letters after the seed's)."""
    from django.db.models import Max

    return NumberRecord.objects.filter(opd=opd, year=2022, sequence_key="surat-keluar", urut__lt=100000).aggregate(
        m=Max("urut")
    )["m"]


def test_the_register_continues_after_the_registered_seed_number(dinas):
    # The demo registered 700/7327/2022 (issued outside sakip) and sakip issued 700/7328/2022 after it.
    seed = NumberRecord.objects.get(opd=dinas, number="700/7327/2022")
    assert seed.status == NumberRecord.Status.EXTERNAL
    assert NumberRecord.objects.get(opd=dinas, number="700/7328/2022").status == NumberRecord.Status.ISSUED
    last = _last_2022(dinas)
    assert last >= 7328
    record = services.next_number(
        opd=dinas, doc_type="nota_dinas", date=date(2022, 12, 1), klasifikasi="000", subject="Nota"
    )
    assert record.number == f"000/{last + 1}/2022"


def test_numbers_are_per_opd_and_per_year(demo):
    a = services.next_number(
        opd=demo["dinas"], doc_type="surat_pengantar", date=date(2030, 1, 2), klasifikasi="000", subject="a"
    )
    b = services.next_number(
        opd=demo["dinas"], doc_type="surat_pengantar", date=date(2030, 1, 3), klasifikasi="700", subject="b"
    )
    c = services.next_number(
        opd=demo["bappeda"], doc_type="surat_pengantar", date=date(2030, 1, 3), klasifikasi="000", subject="c"
    )
    d = services.next_number(
        opd=demo["dinas"], doc_type="surat_pengantar", date=date(2031, 1, 3), klasifikasi="000", subject="d"
    )
    assert [a.number, b.number, c.number, d.number] == ["000/1/2030", "700/2/2030", "000/1/2030", "000/1/2031"]


def test_the_format_is_configurable_per_document_type(dinas):
    sop = services.next_number(opd=dinas, doc_type="sop", date=date(2030, 5, 1), klasifikasi="061.1", subject="SOP")
    assert sop.number == "061.1/1"
    DocumentType.objects.filter(code="berita_acara").update(
        number_format="{klasifikasi}/{urut:03d}/BA/{tahun}", sequence_key="berita-acara"
    )
    ba = services.next_number(
        opd=dinas, doc_type="berita_acara", date=date(2030, 5, 1), klasifikasi="000", subject="BA"
    )
    assert ba.number == "000/001/BA/2030"


def test_2022_scheme_codes_are_accepted_beside_the_old_ones(dinas):
    record = services.next_number(
        opd=dinas, doc_type="surat_pengantar", date=date(2030, 2, 1), klasifikasi="000.8.6.3", subject="AKIP"
    )
    assert record.number == "000.8.6.3/1/2030"
    assert record.klasifikasi.scheme == "Permendagri 83/2022"
    assert services.resolve_klasifikasi("700").scheme == "Permendagri 78/2012"
    assert services.resolve_klasifikasi("Permendagri 83/2022|700").scheme == "Permendagri 83/2022"


def test_unknown_classification_code_is_refused_and_consumes_nothing(dinas):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.next_number(
            opd=dinas, doc_type="surat_pengantar", date=date(2030, 3, 1), klasifikasi="999.9", subject="x"
        )
    assert (
        services.next_number(
            opd=dinas, doc_type="surat_pengantar", date=date(2030, 3, 1), klasifikasi="000", subject="y"
        ).urut
        == 1
    )


def test_register_external_refuses_duplicates_and_bad_shapes(users, dinas):
    admin = users["admin"]
    with pytest.raises(ValidationError, match="sudah tercatat"):
        services.register_external_number(
            user=admin,
            opd=dinas,
            doc_type="surat_pernyataan",
            number="700/7327/2022",
            date=date(2022, 11, 21),
            subject="dup",
        )
    with pytest.raises(ValidationError, match="tidak sesuai format"):
        services.register_external_number(
            user=admin,
            opd=dinas,
            doc_type="surat_pernyataan",
            number="7327-2022",
            date=date(2022, 11, 21),
            subject="bad",
        )
    with pytest.raises(ValidationError, match="Tahun pada nomor"):
        services.register_external_number(
            user=admin,
            opd=dinas,
            doc_type="surat_pernyataan",
            number="700/12/2021",
            date=date(2022, 11, 21),
            subject="year",
        )
    # A historical number below the register is recorded without moving the register back.
    old = services.register_external_number(
        user=admin, opd=dinas, doc_type="surat_pernyataan", number="700/100/2022", date=date(2022, 2, 1), subject="lama"
    )
    assert old.status == NumberRecord.Status.EXTERNAL
    last = _last_2022(dinas)
    assert (
        services.next_number(
            opd=dinas, doc_type="surat_pernyataan", date=date(2022, 12, 2), klasifikasi="700", subject="n"
        ).urut
        == last + 1
    )


def test_register_external_needs_write_permission(users, dinas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.register_external_number(
            user=users["inspektorat"],
            opd=dinas,
            doc_type="surat_pengantar",
            number="000/5/2030",
            date=date(2030, 1, 1),
            subject="x",
        )


def test_cancelled_number_stays_recorded_with_its_reason_and_is_not_reused(users, dinas):
    record = services.next_number(
        opd=dinas, doc_type="surat_pengantar", date=date(2030, 4, 1), klasifikasi="000", subject="batal"
    )
    with pytest.raises(ValidationError, match="Alasan"):
        services.cancel_number(user=users["sekretaris"], record=record, reason=" ")
    services.cancel_number(user=users["sekretaris"], record=record, reason="Salah alamat tujuan")
    record.refresh_from_db()
    assert record.status == NumberRecord.Status.CANCELLED and record.cancel_reason == "Salah alamat tujuan"
    assert record.cancelled_by == users["sekretaris"]
    nxt = services.next_number(
        opd=dinas, doc_type="surat_pengantar", date=date(2030, 4, 2), klasifikasi="000", subject="baru"
    )
    assert nxt.urut == record.urut + 1


def test_a_number_used_by_an_archived_document_cannot_be_cancelled(users, statement):
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.cancel_number(user=users["admin"], record=statement.number_record, reason="x")


def test_a_rolled_back_transaction_gives_the_number_back(dinas):
    from django.db import transaction

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        services.next_number(
            opd=dinas, doc_type="surat_pengantar", date=date(2032, 1, 1), klasifikasi="000", subject="x"
        )
        raise Boom
    assert (
        services.next_number(
            opd=dinas, doc_type="surat_pengantar", date=date(2032, 1, 1), klasifikasi="000", subject="y"
        ).urut
        == 1
    )


def test_external_numbers_stay_within_the_configured_gap(users, dinas, settings):
    """005/1000000/2026 must not push the register: at most SAKIP_NUMBER_REGISTER_MAX_GAP above its last number."""
    settings.SAKIP_NUMBER_REGISTER_MAX_GAP = 10
    sek = users["sekretaris"]
    first = services.next_number(
        opd=dinas, doc_type="surat_pengantar", date=date(2031, 1, 2), klasifikasi="000", subject="a"
    )
    with pytest.raises(ValidationError, match="terlalu jauh"):
        services.register_external_number(
            user=sek,
            opd=dinas,
            doc_type="surat_pengantar",
            number="005/1000000/2031",
            date=date(2031, 2, 1),
            subject="x",
        )
    with pytest.raises(ValidationError, match="terlalu jauh"):
        services.register_external_number(
            user=sek,
            opd=dinas,
            doc_type="surat_pengantar",
            number=f"005/{first.urut + 11}/2031",
            date=date(2031, 2, 1),
            subject="x",
        )
    ok = services.register_external_number(
        user=sek,
        opd=dinas,
        doc_type="surat_pengantar",
        number=f"005/{first.urut + 10}/2031",
        date=date(2031, 2, 1),
        subject="x",
    )
    assert ok.status == NumberRecord.Status.EXTERNAL
    nxt = services.next_number(
        opd=dinas, doc_type="surat_pengantar", date=date(2031, 3, 1), klasifikasi="000", subject="b"
    )
    assert nxt.urut == first.urut + 11


def test_an_empty_register_starts_at_most_at_the_configured_start(users, dinas, settings):
    settings.SAKIP_NUMBER_REGISTER_MAX_START = 5000
    with pytest.raises(ValidationError, match="terlalu jauh"):
        services.register_external_number(
            user=users["sekretaris"],
            opd=dinas,
            doc_type="surat_pengantar",
            number="005/5001/2032",
            date=date(2032, 2, 1),
            subject="x",
        )
    assert (
        services.register_external_number(
            user=users["sekretaris"],
            opd=dinas,
            doc_type="surat_pengantar",
            number="005/4999/2032",
            date=date(2032, 2, 1),
            subject="x",
        ).urut
        == 4999
    )


@pytest.mark.parametrize("username", ["kepala", "timsakip", "kabid", "operator"])
def test_only_the_sekretariat_registers_external_numbers(users, dinas, username):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.register_external_number(
            user=users[username],
            opd=dinas,
            doc_type="surat_pengantar",
            number="000/5/2033",
            date=date(2033, 1, 1),
            subject="x",
        )
    assert not NumberRecord.objects.filter(opd=dinas, year=2033).exists()
