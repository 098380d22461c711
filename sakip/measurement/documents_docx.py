"""The DOCX of the measurement steps' letters (measurement/print/*.html), on the one DOCX layer
(sakip/documents/docx.py): the disposisi, the invitation with its list of invitees, the minutes. Each says what its
PDF says; `docx_render(context)` of the pipeline calls them with the PDF template's context."""

from docx.shared import Pt

from sakip.documents.docx import CENTER, box, letter_docx


def _disposisi(d, ctx, letter, nomor):
    width = d.width_mm
    d.title("LEMBAR DISPOSISI", underline=False)
    d.number(f"Nomor agenda : {nomor}" if nomor else "")
    sig = ctx["signature"]
    rows = [
        [f"Dari : {sig['title']}", f"Tanggal : {ctx.get('tanggal_text', '')}"],
        ["Sifat : Segera", f"Dasar : SOP {ctx.get('sop_label', '')}"],
        [f"Hal : {ctx.get('subject', '')}", ""],
        [
            "\n".join(["Diteruskan kepada Sdr. :", *[f"{i}. {k}" for i, k in enumerate(ctx.get("kepada") or [], 1)]]),
            "Dengan hormat harap :",
        ],
        [f"Isi disposisi :\n{ctx.get('instruksi', '')}", ""],
    ]
    table = d.table(None, rows, [width / 2, width / 2], header_fill=None, size=12)
    asked = table.rows[3].cells[1]
    for mark, text in (("✓", "Ditindaklanjuti"), ("✓", "Dikoordinasikan"), ("", "Diketahui"), ("", "Diarsipkan")):
        p = asked.add_paragraph(style="Tabel")
        box(p, mark)
        p.add_run(text).font.size = Pt(12)
    d.merge_row(table, 2, 0, 1, rows[2][0], bold=False, size=12)
    merged = d.merge_row(table, 4, 0, 1, "Isi disposisi :", bold=False, size=12)
    for line in str(ctx.get("instruksi", "")).split("\n"):
        p = merged.add_paragraph(style="Tabel")
        p.add_run(line).font.size = Pt(12)
    return True


def disposisi_docx(ctx: dict) -> bytes:
    return letter_docx(ctx.get("letter") or {}, ctx, ctx.get("nomor", ""), doc_type="disposisi", body=_disposisi)


def _invitees(d, ctx):
    names = ctx.get("attendee_list") or []
    if not names:
        return
    d.page_break()
    d.para(f"Lampiran Undangan\nNomor : {ctx.get('nomor') or '…………'}\nTanggal : {ctx.get('tanggal_text', '')}")
    d.title("DAFTAR UNDANGAN").paragraph_format.space_before = Pt(10)
    d.table(["No", "Nama"], [[str(i), n] for i, n in enumerate(names, 1)], [10, d.width_mm - 10], align={0: CENTER})


def undangan_docx(ctx: dict) -> bytes:
    return letter_docx(
        ctx.get("letter") or {}, ctx, ctx.get("nomor", ""), doc_type="undangan", after_signature=_invitees
    )


def _notulen(d, ctx, letter, nomor):
    meeting = ctx["meeting"]
    attendees = ctx.get("attendees") or []
    d.title("NOTULEN RAPAT")
    d.para(str(meeting.agenda).upper(), bold=True, align=CENTER, after=10)
    d.fields(
        [
            ("Hari, tanggal", ctx.get("held_on_text", "")),
            ("Waktu", meeting.time_text or "-"),
            ("Tempat", meeting.place or "-"),
            ("Dasar", f"SOP {ctx['period'].sop_label}"),
            ("Peserta hadir", f"{len(attendees)} orang (daftar di bawah)"),
        ],
        label_mm=34,
    )
    d.para("Pembahasan dan kesepakatan", bold=True, style="Isi")
    d.numbered(ctx.get("points") or [], indent_mm=6)
    d.para("Daftar hadir", bold=True, style="Isi")
    rows = [[str(i), e.full_name, jabatan] for i, (e, jabatan) in enumerate(attendees, 1)] or [["-", "", ""]]
    rest = (d.width_mm - 10) / 2
    table = d.table(["No", "Nama", "Jabatan"], rows, [10, rest, rest], align={0: CENTER})
    if not attendees:
        d.merge_row(table, 1, 0, 2, "-", bold=False)
    sig = ctx["signature"]
    # The minutes' own block: place and date, "Notulis,", the QR, the name, then the title (notulen.html).
    d.signature(
        {
            "place_date": sig["place_date"],
            "title_lines": ["Notulis,"],
            "name": sig["name"],
            "pangkat": sig["title"],
            "nip_line": sig.get("nip_line", ""),
        },
        ctx.get("verification"),
    )
    return None


def notulen_docx(ctx: dict) -> bytes:
    return letter_docx(ctx.get("letter") or {}, ctx, ctx.get("nomor", ""), doc_type="notulen", body=_notulen)
