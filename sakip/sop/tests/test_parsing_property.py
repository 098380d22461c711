"""Any procedure table that Word/Excel would produce reads back as it was written (bounded hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from sakip.sop.parsing import parse_table

WORD = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu"), max_codepoint=0x24F), min_size=1, max_size=10)
TEXT = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
STEP = st.tuples(
    TEXT, st.lists(st.booleans(), min_size=3, max_size=3), st.integers(min_value=0, max_value=600), TEXT, st.booleans()
)


@given(steps=st.lists(STEP, min_size=1, max_size=12), drop_lane_cell=st.booleans())
def test_written_table_reads_back(steps, drop_lane_cell):
    lanes = ["Kepala Dinas", "Sekretaris", "Sek. Tim SAKIP"]
    lines = [
        "No.\tUraian Prosedur\tPelaksana\t\t\tMutu Baku\t\t\tKeterangan",
        "\t\t" + "\t".join(lanes) + "\tKelengkapan\tWaktu (menit)\tOuput\t",
    ]
    for n, (uraian, marks, minutes, output, short) in enumerate(steps, start=1):
        cells = [f"{n}.", uraian] + ["v" if m else "" for m in marks] + ["Dokumen", str(minutes), output, ""]
        if short and drop_lane_cell and not any(marks):
            del cells[2]  # copied across a page break: one empty lane cell lost
        lines.append("\t".join(cells))
    table = parse_table("\n".join(lines))
    assert table.errors == []
    assert table.lanes == lanes
    assert [s.uraian for s in table.steps] == [" ".join(u.split()) for u, *_ in steps]
    assert [int(s.waktu) for s in table.steps] == [m for _u, _marks, m, _o, _s in steps]
    assert [s.output for s in table.steps] == [" ".join(o.split()) for *_x, o, _s in steps]
    assert [s.lanes for s in table.steps] == [[i for i, m in enumerate(marks) if m] for _u, marks, *_rest in steps]
    assert table.total_minutes == sum(m for _u, _marks, m, _o, _s in steps)
