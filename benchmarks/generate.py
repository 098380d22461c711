"""Generate a Pemda-scale organisation: many OPDs, each with bidang, seksi, positions and employees.

Used by benchmarks/run.py. Sizes are parameters so the same code can make a small or a large Pemda.
"""

from datetime import date

from django.db import transaction

from sakip.organization.models import OPD, Assignment, Employee, Pemda, Position, Unit


@transaction.atomic
def generate(*, opds=40, bidang=5, seksi=3, staff_per_seksi=4, prefix="Bench"):
    pemda, _ = Pemda.objects.get_or_create(kind="kabupaten", name=f"{prefix}", defaults={"capital": "Kota Bench"})
    bupati = Position.objects.create(pemda=pemda, name=f"Bupati {prefix}", kind="kepala_daerah")
    seq = 0
    for o in range(opds):
        opd = OPD.objects.create(pemda=pemda, akronim=f"{prefix}{o:03d}", name=f"Dinas Bench {o:03d}", kind="dinas")
        head = Position.objects.create(
            pemda=pemda,
            opd=opd,
            name=f"Kepala Dinas Bench {o:03d}",
            kind="jpt_pratama",
            superior=bupati,
            is_opd_head=True,
        )
        positions = [head]
        for b in range(bidang):
            bu = Unit.objects.create(opd=opd, name=f"Bidang {b}", kind="bidang", order=b)
            kabid = Position.objects.create(
                pemda=pemda, opd=opd, unit=bu, name=f"Kepala Bidang {b}", kind="administrator", superior=head
            )
            positions.append(kabid)
            for s in range(seksi):
                su = Unit.objects.create(opd=opd, parent=bu, name=f"Seksi {b}.{s}", kind="seksi", order=s)
                kasi = Position.objects.create(
                    pemda=pemda, opd=opd, unit=su, name=f"Kepala Seksi {b}.{s}", kind="pengawas", superior=kabid
                )
                positions.append(kasi)
                for st in range(staff_per_seksi):
                    positions.append(
                        Position.objects.create(
                            pemda=pemda,
                            opd=opd,
                            unit=su,
                            name=f"Pelaksana {b}.{s}.{st}",
                            kind="pelaksana",
                            superior=kasi,
                        )
                    )
        employees = []
        for _position in positions:
            seq += 1
            # Non-ASN keeps the generator free of NIP bookkeeping; NIP rules are tested elsewhere.
            employees.append(Employee(pemda=pemda, opd=opd, name=f"PEGAWAI {seq:05d}", kind="non_asn"))
        Employee.objects.bulk_create(employees)
        Assignment.objects.bulk_create(
            [
                Assignment(employee=e, position=p, start_date=date(2024, 1, 1), kind="definitif", kind_rank=0)
                for e, p in zip(employees, positions)
            ]
        )
    return pemda


def generate_cycle(pemda, *, years=(2025, 2026, 2027, 2028, 2029), iku=20, per_program=10, per_kegiatan=12):
    """Renstra, cascaded indicators with targets, and years × 4 locked quarters of realisasi per OPD.

    Bulk paths (the history of every row is written too, as the services would) so that 40 OPD take
    minutes, not hours. With the defaults: 250 indicators per OPD, 20 periods, 250 realisasi rows each.
    """
    from datetime import datetime
    from decimal import Decimal

    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from sakip.measurement.models import Evidence, Period, Realisasi, UnitSubmission
    from sakip.planning.models import Indicator, Kinerja, Renstra, Target
    from sakip.sop.models import SopVersion

    sop_version = SopVersion.objects.filter(sop__judul__icontains="Pengukuran Kinerja").order_by("pk").first()
    tz = timezone.get_current_timezone()
    start, end = years[0], years[-1]
    totals = {"indicators": 0, "targets": 0, "periods": 0, "realisasi": 0, "evidence": 0}
    for opd in OPD.objects.filter(pemda=pemda).order_by("pk"):
        with transaction.atomic():
            positions = list(Position.objects.filter(opd=opd).select_related("unit").order_by("pk"))
            head = next(p for p in positions if p.is_opd_head)
            kabids = [p for p in positions if p.kind == "administrator"]
            kasis = [p for p in positions if p.kind == "pengawas"]
            renstra = Renstra(
                opd=opd, start_year=start, end_year=end, status="ditetapkan", adopted_on=date(start, 3, 1)
            )
            bulk_create_with_history([renstra], Renstra)
            renstra = Renstra.objects.get(opd=opd, start_year=start)

            def node(level, position, statement, parent=None, order=0, renstra=renstra, opd=opd):
                return Kinerja(
                    renstra=renstra,
                    opd=opd,
                    parent=parent,
                    level=level,
                    position=position,
                    unit_id=position.unit_id,
                    statement=statement,
                    order=order,
                )

            bulk_create_with_history([node(0, head, "Meningkatnya kinerja pelayanan")], Kinerja)
            tujuan = Kinerja.objects.get(renstra=renstra, level=0)
            bulk_create_with_history(
                [node(1, head, f"Sasaran strategis {i + 1}", tujuan, i) for i in range(4)], Kinerja
            )
            sasaran = list(Kinerja.objects.filter(renstra=renstra, level=1).order_by("order"))
            bulk_create_with_history(
                [node(2, k, f"Sasaran program {k.unit.name}", sasaran[i % 4], i) for i, k in enumerate(kabids)], Kinerja
            )
            programs = {n.position_id: n for n in Kinerja.objects.filter(renstra=renstra, level=2)}
            bulk_create_with_history(
                [
                    node(3, k, f"Sasaran kegiatan {k.unit.name}", programs[k.superior_id], i)
                    for i, k in enumerate(kasis)
                ],
                Kinerja,
            )
            nodes = list(Kinerja.objects.filter(renstra=renstra, level__in=[1, 2, 3]).order_by("level", "order"))
            indicators = []
            for n in nodes:
                count = {1: iku // 4, 2: per_program, 3: per_kegiatan}[n.level]
                for i in range(count):
                    indicators.append(
                        Indicator(
                            node=n,
                            opd=opd,
                            code=f"{n.level}.{n.order}.{i}",
                            name=f"Persentase capaian {n.statement} {i}",
                            satuan="%",
                            polarity="min" if i % 7 == 6 else "max",
                            aggregation="last",
                            is_iku=n.level == 1,
                            pj_unit_id=n.unit_id,
                            order=i,
                        )
                    )
            bulk_create_with_history(indicators, Indicator, batch_size=500)
            indicators = list(Indicator.objects.filter(opd=opd).select_related("node").order_by("pk"))
            targets = [
                Target(
                    indicator=ind,
                    year=y,
                    value=Decimal(80),
                    q1=Decimal(20),
                    q2=Decimal(40),
                    q3=Decimal(60),
                    q4=Decimal(80),
                )
                for ind in indicators
                for y in years
            ]
            bulk_create_with_history(targets, Target, batch_size=1000)
            bidang_of = {}
            for p in positions:
                if p.unit_id:
                    bidang_of[p.unit_id] = p.unit.parent_id or p.unit_id
            bidang_units = sorted({b for b in bidang_of.values()})
            periods = [
                Period(
                    opd=opd,
                    year=y,
                    triwulan=tw,
                    sop_version=sop_version,
                    sop_label=str(sop_version),
                    status="selesai",
                    start_date=date(y, 3 * tw, 28),
                    started_at=datetime(y, 3 * tw, 28, 9, tzinfo=tz),
                    finished_at=datetime(y, 3 * tw, 28, 15, tzinfo=tz),
                )
                for y in years
                for tw in (1, 2, 3, 4)
            ]
            bulk_create_with_history(periods, Period)
            periods = list(Period.objects.filter(opd=opd).order_by("year", "triwulan"))
            locked = datetime(start, 12, 31, 12, tzinfo=tz)
            subs = [
                UnitSubmission(period=p, unit_id=u, order=i, state="dikunci", locked_at=locked)
                for p in periods
                for i, u in enumerate(bidang_units)
            ]
            bulk_create_with_history(subs, UnitSubmission, batch_size=1000)
            sub_of = {(s.period_id, s.unit_id): s.pk for s in UnitSubmission.objects.filter(period__opd=opd)}
            rows = []
            for p in periods:
                for ind in indicators:
                    unit = bidang_of.get(ind.node.unit_id, bidang_units[0])
                    rows.append(
                        Realisasi(
                            submission_id=sub_of[(p.pk, unit)],
                            indicator=ind,
                            order=ind.order,
                            code=ind.code,
                            name=ind.name,
                            node_statement=ind.node.statement,
                            level=ind.node.level,
                            satuan="%",
                            polarity=ind.polarity,
                            target_year=Decimal(80),
                            quarters=["20", "40", "60", "80"],
                            in_pk=ind.is_iku,
                            value=Decimal(15 + (ind.pk * 7 + p.triwulan * 13) % 70),
                        )
                    )
            bulk_create_with_history(rows, Realisasi, batch_size=2000)
            iku_rows = Realisasi.objects.filter(submission__period__opd=opd, in_pk=True).values_list("pk", flat=True)
            evidence = [
                Evidence(
                    realisasi_id=pk,
                    file=f"bukti/bench/{pk}.pdf",
                    original_name=f"bukti-{pk}.pdf",
                    kind="pdf",
                    content_type="application/pdf",
                    size=120_000,
                    sha256=f"{pk:064x}",
                )
                for pk in iku_rows
            ]
            Evidence.objects.bulk_create(evidence, batch_size=2000)
            totals["indicators"] += len(indicators)
            totals["targets"] += len(targets)
            totals["periods"] += len(periods)
            totals["realisasi"] += len(rows)
            totals["evidence"] += len(evidence)
    return totals
