"""Demo organisation: the seed agency (Dinsospermasdes, Kabupaten Banyumas), its Bupati, the
Inspektorat and the Bappedalitbang. Names other than the seed's officials are fictional and
marked as demo. Idempotent: natural keys, update_or_create."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from sakip.core import roles as R

from .models import OPD, Assignment, Employee, Golongan, Pemda, Position, TimSakip, TimSakipMember, Unit, User

TODAY = date.today()
CURRENT_YEAR = TODAY.year


def _nip(birth: str, tmt: str, gender: int, seq: int) -> str:
    return f"{birth}{tmt}{gender}{seq:03d}"


def golongan(code, scheme="pns"):
    return Golongan.objects.get(scheme=scheme, golongan=code)


def employee(
    pemda, opd, name, *, nip=None, gol=None, depan="", belakang="", kind=Employee.Kind.PNS, demo=True, email=""
):
    lookup = {"nip": nip} if nip else {"pemda": pemda, "name": name, "nip__isnull": True}
    emp, _created = Employee.objects.update_or_create(
        **lookup,
        defaults={
            "pemda": pemda,
            "opd": opd,
            "name": name,
            "gelar_depan": depan,
            "gelar_belakang": belakang,
            "kind": kind,
            "golongan": golongan(gol) if gol else None,
            "is_demo": demo,
            "email": email,
        },
    )
    return emp


def position(pemda, opd, unit, name, kind, *, superior=None, short="", eselon="", head=False, order=0):
    pos, _ = Position.objects.update_or_create(
        pemda=pemda,
        opd=opd,
        name=name,
        defaults={
            "unit": unit,
            "kind": kind,
            "superior": superior,
            "short_name": short,
            "eselon": eselon,
            "is_opd_head": head,
            "order": order,
        },
    )
    return pos


def assign(emp, pos, start, end=None, kind=Assignment.Kind.DEFINITIF, decree=""):
    a, _ = Assignment.objects.update_or_create(
        employee=emp, position=pos, start_date=start, defaults={"end_date": end, "kind": kind, "decree": decree}
    )
    return a


def unit(opd, name, kind, parent=None, short="", order=0):
    u, _ = Unit.objects.update_or_create(
        opd=opd, name=name, defaults={"kind": kind, "parent": parent, "short_name": short, "order": order}
    )
    return u


# Fictional staff names (demo). Each tuple: name, gelar depan, gelar belakang, gender 1/2.
NAMES = [
    ("RINA KUSUMAWATI", "", "S.E., M.M.", 2),
    ("BUDI SANTOSO", "", "S.Sos., M.Si.", 1),
    ("DEWI LESTARI", "", "S.Sos.", 2),
    ("AGUS PRIYANTO", "", "S.H., M.H.", 1),
    ("SRI WAHYUNI", "", "S.Sos., M.Si.", 2),
    ("TRI HANDOKO", "Drs.", "M.M.", 1),
    ("ENDANG SUSILOWATI", "", "S.Pd., M.Pd.", 2),
    ("HERU SETIAWAN", "", "S.IP., M.Si.", 1),
    ("NUR HIDAYAH", "", "S.Sos.", 2),
    ("WAHYU NUGROHO", "", "S.T.", 1),
    ("RETNO ANGGRAENI", "", "S.Psi.", 2),
    ("BAMBANG SUPRIYADI", "", "S.Sos.", 1),
    ("FITRI HANDAYANI", "", "S.E.", 2),
    ("JOKO SUSILO", "", "S.Kom.", 1),
    ("YULI ASTUTI", "", "A.Md.", 2),
    ("ARIF RAHMAN", "", "S.AP.", 1),
    ("LINA MARLINA", "", "S.Sos.", 2),
    ("EKO PRASETYO", "", "S.H.", 1),
    ("SITI NURJANAH", "", "S.E.", 2),
    ("DIDIK KURNIAWAN", "", "S.IP.", 1),
    ("ANI RAHMAWATI", "", "", 2),
    ("SLAMET RIYADI", "", "", 1),
    ("TUTI ALAWIYAH", "", "S.Sos.", 2),
    ("HENDRA GUNAWAN", "", "S.T., M.T.", 1),
    ("WULAN SARI", "", "S.Si.", 2),
    ("PURWANTO", "", "S.Sos.", 1),
    ("MARYATI", "", "", 2),
    ("RUDI HARTONO", "", "S.E.", 1),
    ("INDAH PERMATASARI", "", "S.Sos.", 2),
    ("GUNAWAN WIBISONO", "", "S.H.", 1),
    ("ASIH SETYANINGSIH", "", "S.Kom.", 2),
    ("TEGUH WALUYO", "", "S.Sos.", 1),
    ("NINING KURNIASIH", "", "S.Sos.", 2),
    ("SUKARNO", "", "", 1),
]


# Names for the Inspektorat and the Bappedalitbang (other agencies: other people).
OTHER_NAMES = [
    ("WIDYA KARTIKASARI", "", "S.E., M.Ak.", 2),
    ("SETYO BUDIHARJO", "Drs.", "M.Si.", 1),
    ("MEGA PUSPITASARI", "", "S.E., Ak.", 2),
    ("BAYU ARDIANSYAH", "", "S.E.", 1),
    ("KARTIKA DEWI", "", "S.T., M.T.", 2),
    ("YUSUF HIDAYAT", "", "S.E., M.E.", 1),
    ("RATNA WULANDARI", "", "S.P., M.P.", 2),
    ("ANDRI SETIAWAN", "", "S.Kom.", 1),
]


class NameBank:
    """Fictional people; `seq` keeps every NIP unique across banks (the NIP is the natural key)."""

    def __init__(self, start=0, names=None, seq=100):
        self.i = start
        self.names = names or NAMES
        self.seq = seq

    def next(self, level):
        name, depan, belakang, gender = self.names[self.i % len(self.names)]
        self.i += 1
        # Plausible birth/TMT by level; sequence from the index keeps NIPs unique.
        birth_year = {"admin": 1972, "pengawas": 1978, "pelaksana": 1986}[level] + (self.i % 5)
        birth = f"{birth_year}{(self.i % 12) + 1:02d}{(self.i % 27) + 1:02d}"
        tmt = f"{birth_year + 24}{(self.i % 12) + 1:02d}"
        gol = {"admin": "IV/a", "pengawas": "III/d", "pelaksana": "III/a"}[level]
        return name, depan, belakang, _nip(birth, tmt, gender, self.seq + self.i), gol


def load():
    if not Golongan.objects.exists():
        call_command("load_reference", verbosity=0)
    banyumas, _ = Pemda.objects.update_or_create(
        kind=Pemda.Kind.KABUPATEN, name="Banyumas", defaults={"capital": "Purwokerto"}
    )

    # --- Bupati (no NIP) ------------------------------------------------------------------
    bupati_pos = position(banyumas, None, None, "Bupati Banyumas", Position.Kind.KEPALA_DAERAH, short="Bupati Banyumas")
    bupati = employee(
        banyumas, None, "ARIF PRASETYO", depan="Ir. H.", belakang="M.M.", kind=Employee.Kind.PEJABAT_NEGARA
    )
    assign(bupati, bupati_pos, date(2018, 9, 24))
    staf_ahli = position(
        banyumas,
        None,
        None,
        "Staf Ahli Bupati Bidang Kemasyarakatan dan Sumber Daya Manusia",
        Position.Kind.JPT_PRATAMA,
        superior=bupati_pos,
        eselon="II.b",
    )

    # --- Dinsospermasdes (the seed agency) -------------------------------------------------
    dinas, _ = OPD.objects.update_or_create(
        pemda=banyumas,
        akronim="Dinsospermasdes",
        defaults={
            "name": "Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
            "kind": OPD.Kind.DINAS,
            "address": "Jalan Pemuda Nomor 24 Purwokerto",
            "city": "Purwokerto",
            "postal_code": "53132",
            "phone": "(0281) 636198",
            "fax": "633047",
            "email": "dinsospermasdes@banyumaskab.go.id",
            "website": "dinsospermasdes.banyumaskab.go.id",
        },
    )
    kepala_pos = position(
        banyumas,
        dinas,
        None,
        "Kepala Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
        Position.Kind.JPT_PRATAMA,
        superior=bupati_pos,
        short="Kepala Dinsospermasdes",
        eselon="II.b",
        head=True,
    )
    widarso = employee(
        banyumas, dinas, "WIDARSO", nip="196207281989011001", gol="IV/c", depan="Ir.", belakang="M.M", demo=False
    )
    sugeng = employee(
        banyumas, dinas, "SUGENG AMIN", nip="196701281993021001", gol="IV/c", belakang="SH.MM", demo=False
    )
    assign(widarso, kepala_pos, date(2019, 1, 2), date(2021, 12, 31))
    assign(sugeng, staf_ahli, date(2021, 3, 1), date(2022, 12, 31))
    assign(sugeng, kepala_pos, date(2022, 1, 3), date(2022, 12, 31), kind=Assignment.Kind.PLT, decree="800/0012/2022")
    kepala_now = employee(
        banyumas, dinas, "HARYANTO WIBOWO", nip="197003151995031002", gol="IV/b", depan="Dr.", belakang="S.Sos., M.Si."
    )
    assign(kepala_now, kepala_pos, date(2023, 1, 2))

    names = NameBank()
    sekretariat = unit(dinas, "Sekretariat", Unit.Kind.SEKRETARIAT, short="Sekretariat", order=1)
    sek_pos = position(
        banyumas,
        dinas,
        sekretariat,
        "Sekretaris Dinas Sosial dan Pemberdayaan Masyarakat dan Desa",
        Position.Kind.ADMINISTRATOR,
        superior=kepala_pos,
        short="Sekretaris Dinsospermasdes",
        eselon="III.a",
        order=1,
    )
    structure = [
        (
            sekretariat,
            sek_pos,
            [
                (
                    "Subbagian Perencanaan dan Keuangan",
                    "Kepala Subbagian Perencanaan dan Keuangan",
                    "Kasubbag Perencanaan dan Keuangan",
                    Unit.Kind.SUBBAGIAN,
                ),
                (
                    "Subbagian Umum dan Kepegawaian",
                    "Kepala Subbagian Umum dan Kepegawaian",
                    "Kasubbag Umum dan Kepegawaian",
                    Unit.Kind.SUBBAGIAN,
                ),
            ],
        ),
    ]
    bidang_specs = [
        (
            "Bidang Pemberdayaan Sosial",
            "Dayasos",
            [
                "Seksi Pemberdayaan Sosial Perorangan, Keluarga dan Kelembagaan Masyarakat",
                "Seksi Penanganan Fakir Miskin",
            ],
        ),
        (
            "Bidang Rehabilitasi Sosial",
            "Rehsos",
            ["Seksi Rehabilitasi Sosial Anak dan Lanjut Usia", "Seksi Rehabilitasi Sosial Penyandang Disabilitas"],
        ),
        (
            "Bidang Perlindungan dan Jaminan Sosial",
            "Linjamsos",
            ["Seksi Perlindungan Sosial Korban Bencana", "Seksi Jaminan Sosial Keluarga"],
        ),
        (
            "Bidang Pemberdayaan Masyarakat Desa",
            "PMD",
            ["Seksi Kelembagaan dan Partisipasi Masyarakat Desa", "Seksi Pemberdayaan Ekonomi Masyarakat Desa"],
        ),
        (
            "Bidang Pemerintahan Desa",
            "Pemdes",
            ["Seksi Administrasi Pemerintahan Desa", "Seksi Keuangan dan Aset Desa"],
        ),
    ]
    for order, (bname, short, seksis) in enumerate(bidang_specs, start=2):
        b = unit(dinas, bname, Unit.Kind.BIDANG, short=short, order=order)
        kabid = position(
            banyumas,
            dinas,
            b,
            f"Kepala {bname}",
            Position.Kind.ADMINISTRATOR,
            superior=kepala_pos,
            short=f"Kepala {bname}",
            eselon="III.b",
            order=order,
        )
        structure.append((b, kabid, [(s, f"Kepala {s}", f"Kepala {s}", Unit.Kind.SEKSI) for s in seksis]))

    sek_emp = None
    people = {}
    for parent_unit, head_pos, children in structure:
        name, depan, belakang, nip, gol = names.next("admin")
        head_emp = employee(banyumas, dinas, name, nip=nip, gol=gol, depan=depan, belakang=belakang)
        assign(head_emp, head_pos, date(2020, 1, 6))
        people[parent_unit.name] = head_emp
        if head_pos == sek_pos:
            sek_emp = head_emp
        for corder, (uname, pname, pshort, ukind) in enumerate(children, start=1):
            child = unit(dinas, uname, ukind, parent=parent_unit, order=corder)
            ppos = position(
                banyumas,
                dinas,
                child,
                pname,
                Position.Kind.PENGAWAS,
                superior=head_pos,
                short=pshort,
                eselon="IV.a",
                order=corder,
            )
            name, depan, belakang, nip, gol = names.next("pengawas")
            pemp = employee(banyumas, dinas, name, nip=nip, gol=gol, depan=depan, belakang=belakang)
            assign(pemp, ppos, date(2020, 1, 6))
            people[uname] = pemp
            staff_pos = position(
                banyumas,
                dinas,
                child,
                f"Pengelola Data {uname.replace('Seksi ', '').replace('Subbagian ', '')}",
                Position.Kind.PELAKSANA,
                superior=ppos,
                short="",
                order=10 + corder,
            )
            name, depan, belakang, nip, gol = names.next("pelaksana")
            semp = employee(
                banyumas, dinas, name, nip=nip, gol="III/a" if gol == "III/a" else gol, depan=depan, belakang=belakang
            )
            assign(semp, staff_pos, date(2021, 1, 4))
            people[f"staff:{uname}"] = semp
    # Functional positions in Bidang Rehabilitasi Sosial
    rehsos = Unit.objects.get(opd=dinas, name="Bidang Rehabilitasi Sosial")
    kabid_rehsos = Position.objects.get(opd=dinas, name="Kepala Bidang Rehabilitasi Sosial")
    peksos = position(
        banyumas, dinas, rehsos, "Pekerja Sosial Ahli Muda", Position.Kind.FUNGSIONAL, superior=kabid_rehsos, order=20
    )
    name, depan, belakang, nip, gol = names.next("pengawas")
    assign(employee(banyumas, dinas, name, nip=nip, gol=gol, depan=depan, belakang=belakang), peksos, date(2021, 1, 4))
    # A PPPK staff member and a non-ASN operator (no NIP)
    pppk_pos = position(
        banyumas,
        dinas,
        rehsos,
        "Penyuluh Sosial Ahli Pertama",
        Position.Kind.FUNGSIONAL,
        superior=kabid_rehsos,
        order=21,
    )
    pppk = Employee.objects.update_or_create(
        nip="199204172023212001",
        defaults={
            "pemda": banyumas,
            "opd": dinas,
            "name": "DIAH AYU PRATIWI",
            "gelar_belakang": "S.Sos.",
            "kind": Employee.Kind.PPPK,
            "golongan": golongan("IX", "pppk"),
            "is_demo": True,
        },
    )[0]
    assign(pppk, pppk_pos, date(2023, 3, 1))
    employee(banyumas, dinas, "RIZKY MAULANA", kind=Employee.Kind.NON_ASN)

    # Tim SAKIP 2022 and current year
    kasubbag_ren = people["Subbagian Perencanaan dan Keuangan"]
    for year, kepala in ((2022, sugeng), (CURRENT_YEAR, kepala_now)):
        tim, _ = TimSakip.objects.update_or_create(
            opd=dinas,
            year=year,
            defaults={
                "decree_number": f"800/{'0145' if year == 2022 else '0098'}/{year}",
                "decree_date": date(year, 1, 17),
            },
        )
        members = [
            (kepala, TimSakipMember.Role.PENANGGUNG_JAWAB),
            (sek_emp, TimSakipMember.Role.KETUA),
            (kasubbag_ren, TimSakipMember.Role.SEKRETARIS),
        ]
        members += [(people[b[0]], TimSakipMember.Role.ANGGOTA) for b in bidang_specs]
        members += [(people["Subbagian Umum dan Kepegawaian"], TimSakipMember.Role.ANGGOTA)]
        for emp, role in members:
            TimSakipMember.objects.update_or_create(tim=tim, employee=emp, defaults={"role": role})

    # --- Inspektorat ----------------------------------------------------------------------
    insp, _ = OPD.objects.update_or_create(
        pemda=banyumas,
        akronim="Inspektorat",
        defaults={
            "name": "Inspektorat Kabupaten Banyumas",
            "kind": OPD.Kind.INSPEKTORAT,
            "address": "Jalan Kabupaten Nomor 1 Purwokerto",
            "city": "Purwokerto",
            "postal_code": "53114",
            # no invented telephone number on the letterhead: the kop prints what is configured (issue 13)
            "phone": "",
            "email": "inspektorat@banyumaskab.go.id",
            "website": "inspektorat.banyumaskab.go.id",
        },
    )
    inspektur = position(
        banyumas,
        insp,
        None,
        "Inspektur Kabupaten Banyumas",
        Position.Kind.JPT_PRATAMA,
        superior=bupati_pos,
        short="Inspektur",
        eselon="II.a",
        head=True,
    )
    irban_u = unit(insp, "Inspektur Pembantu Wilayah I", Unit.Kind.BIDANG, short="Irban I", order=1)
    irban = position(
        banyumas,
        insp,
        irban_u,
        "Inspektur Pembantu Wilayah I",
        Position.Kind.ADMINISTRATOR,
        superior=inspektur,
        eselon="III.a",
        order=1,
    )
    auditor = position(banyumas, insp, irban_u, "Auditor Ahli Muda", Position.Kind.FUNGSIONAL, superior=irban, order=2)
    auditor2 = position(
        banyumas, insp, irban_u, "Auditor Ahli Pertama", Position.Kind.FUNGSIONAL, superior=irban, order=3
    )
    insp_names = NameBank(start=0, names=OTHER_NAMES, seq=500)
    insp_people = []
    for pos, level in ((inspektur, "admin"), (irban, "admin"), (auditor, "pengawas"), (auditor2, "pelaksana")):
        name, depan, belakang, nip, gol = insp_names.next(level)
        e = employee(banyumas, insp, name, nip=nip, gol=gol, depan=depan, belakang=belakang)
        assign(e, pos, date(2020, 1, 6))
        insp_people.append(e)

    # --- Bappedalitbang (the SOP's origin) ---------------------------------------------------
    bappeda, _ = OPD.objects.update_or_create(
        pemda=banyumas,
        akronim="Bappedalitbang",
        defaults={
            "name": "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
            "kind": OPD.Kind.BADAN,
            "address": "Jalan Kabupaten Nomor 1 Purwokerto",
            "city": "Purwokerto",
            "postal_code": "53114",
        },
    )
    kaban = position(
        banyumas,
        bappeda,
        None,
        "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
        Position.Kind.JPT_PRATAMA,
        superior=bupati_pos,
        short="Kepala Bappedalitbang",
        eselon="II.a",
        head=True,
    )
    b_sek = unit(bappeda, "Sekretariat", Unit.Kind.SEKRETARIAT, order=1)
    b_sek_pos = position(
        banyumas,
        bappeda,
        b_sek,
        "Sekretaris Bappedalitbang",
        Position.Kind.ADMINISTRATOR,
        superior=kaban,
        eselon="III.a",
        order=1,
    )
    b_pu = unit(bappeda, "Bidang Perencanaan Umum", Unit.Kind.BIDANG, order=2)
    b_pu_pos = position(
        banyumas,
        bappeda,
        b_pu,
        "Kepala Bidang Perencanaan Umum",
        Position.Kind.ADMINISTRATOR,
        superior=kaban,
        short="Kabid Perencanaan Umum",
        eselon="III.b",
        order=2,
    )
    b_data = unit(bappeda, "Subbidang Data", Unit.Kind.SUBBIDANG, parent=b_pu, order=1)
    b_data_pos = position(
        banyumas,
        bappeda,
        b_data,
        "Kepala Subbidang Data",
        Position.Kind.PENGAWAS,
        superior=b_pu_pos,
        short="Kasubbid Data",
        eselon="IV.a",
        order=3,
    )
    b_names = NameBank(start=4, names=OTHER_NAMES, seq=700)
    bappeda_people = []
    for pos, level in ((kaban, "admin"), (b_sek_pos, "admin"), (b_pu_pos, "admin"), (b_data_pos, "pengawas")):
        name, depan, belakang, nip, gol = b_names.next(level)
        e = employee(banyumas, bappeda, name, nip=nip, gol=gol, depan=depan, belakang=belakang)
        assign(e, pos, date(2019, 1, 2))
        bappeda_people.append(e)

    # --- Users: one per role ---------------------------------------------------------------
    rehsos_kasi = Unit.objects.get(opd=dinas, name="Seksi Rehabilitasi Sosial Anak dan Lanjut Usia")
    dayasos = Unit.objects.get(opd=dinas, name="Bidang Pemberdayaan Sosial")
    logins = [
        ("admin", R.ADMIN, None, None, None, "Administrator sistem"),
        ("kepala", R.KEPALA_OPD, kepala_now, dinas, None, ""),
        ("sekretaris", R.SEKRETARIS, sek_emp, dinas, None, ""),
        (
            "timsakip",
            R.TIM_SAKIP,
            kasubbag_ren,
            dinas,
            Unit.objects.get(opd=dinas, name="Subbagian Perencanaan dan Keuangan"),
            "",
        ),
        ("kabid", R.KEPALA_UNIT, people["Bidang Rehabilitasi Sosial"], dinas, rehsos, ""),
        ("kabid2", R.KEPALA_UNIT, people["Bidang Pemberdayaan Sosial"], dinas, dayasos, ""),
        ("kasi", R.KEPALA_UNIT, people[rehsos_kasi.name], dinas, rehsos_kasi, ""),
        ("operator", R.OPERATOR, people[f"staff:{rehsos_kasi.name}"], dinas, rehsos, ""),
        ("inspektur", R.INSPEKTORAT, insp_people[0], insp, None, ""),
        ("inspektorat", R.INSPEKTORAT, insp_people[2], insp, None, ""),
        ("pemda", R.PEMDA_VIEWER, bupati, None, None, ""),
        ("bappeda", R.KEPALA_OPD, bappeda_people[0], bappeda, None, ""),
    ]
    for role in R.ALL_ROLES:
        Group.objects.get_or_create(name=role)
    for username, role, emp, opd, scope_unit, full in logins:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(settings.SAKIP_DEMO_PASSWORD)
        user.employee, user.opd, user.unit, user.pemda = emp, opd, scope_unit, banyumas
        user.first_name = full
        user.email = f"{username}@demo.sakip.local"  # reminders show on the console backend
        user.is_staff = user.is_superuser = username == "admin"
        user.save()
        user.groups.set(
            [Group.objects.get(name=role), *[Group.objects.get(name=r) for r in EXTRA_ROLES.get(username, ())]]
        )
    return {"pemda": banyumas, "dinas": dinas, "inspektorat": insp, "bappeda": bappeda}


# A second role on top of the OPD one: the Kepala Bappedalitbang is also the Pemda's planner (docs/rules.md §10).
EXTRA_ROLES = {"bappeda": (R.PEMDA_PLANNER,)}

DEMO_LOGINS = [
    ("admin", R.ADMIN, "Administrator sistem (semua OPD)"),
    ("kepala", R.KEPALA_OPD, "Kepala Dinsospermasdes"),
    ("sekretaris", R.SEKRETARIS, "Sekretaris Dinsospermasdes"),
    ("timsakip", R.TIM_SAKIP, "Kasubbag Perencanaan dan Keuangan, Sekretaris Tim SAKIP"),
    ("kabid", R.KEPALA_UNIT, "Kepala Bidang Rehabilitasi Sosial"),
    ("kabid2", R.KEPALA_UNIT, "Kepala Bidang Pemberdayaan Sosial"),
    ("kasi", R.KEPALA_UNIT, "Kepala Seksi Rehabilitasi Sosial Anak dan Lanjut Usia"),
    ("operator", R.OPERATOR, "Operator Bidang Rehabilitasi Sosial"),
    ("inspektur", R.INSPEKTORAT, "Inspektur Kabupaten Banyumas (menandatangani LHE)"),
    ("inspektorat", R.INSPEKTORAT, "Auditor Inspektorat Kabupaten Banyumas (evaluator)"),
    ("pemda", R.PEMDA_VIEWER, "Bupati Banyumas (melihat semua OPD)"),
    ("bappeda", R.KEPALA_OPD, "Kepala Bappedalitbang (OPD lain); juga Perencana Pemda: RPJMD, IKU Pemda, LKjIP Pemda"),
]
