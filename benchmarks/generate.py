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
