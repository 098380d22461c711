"""The swimlane flowchart layout: shapes, arrows across lanes, decisions, page breaks with off-page connectors."""

import xml.etree.ElementTree as ET

from sakip.sop import flowchart as F

SVG = "{http://www.w3.org/2000/svg}"


def _steps(n=14, lanes=None, decision_at=None):
    marks = lanes or [[0], [2], [2], [2], [0, 1, 2, 3], [3], [3], [3], [0], [1], [0], [2], [2], [2]]
    steps = []
    for i in range(n):
        s = F.FlowStep(
            i + 1,
            f"Langkah nomor {i + 1} dengan uraian yang cukup panjang untuk dibungkus menjadi beberapa baris teks",
            "process",
            marks[i % len(marks)],
            "Dokumen",
            "15",
            "Dokumen",
            "",
        )
        steps.append(s)
    if decision_at:
        d = steps[decision_at - 1]
        d.kind, d.uraian, d.ya_ke, d.tidak_ke = (
            "decision",
            "Apakah dokumen sudah benar?",
            decision_at + 1,
            decision_at - 2,
        )
    return steps


LANES = ["Kepala Dinsospermasdes", "Sekretaris", "Sek. Tim Sakip", "Anggota Tim Sakip"]


def test_continuous_layout_has_one_shape_group_per_step_and_is_valid_svg():
    [page] = F.layout(
        LANES, _steps(), F.Options(total=("795", "menit = 13 jam 15 menit"), waktu_header="Waktu (menit)")
    )
    root = ET.fromstring(F.to_svg(page, title="Diagram alir"))
    shapes = {g.get("data-step") for g in root.iter(SVG + "g") if g.get("class") == "sop-shape"}
    assert shapes == {str(n) for n in range(1, 15)}
    texts = [t.text for t in root.iter(SVG + "text")]
    assert (
        "Uraian Prosedur" in texts
        and "Pelaksana" in texts
        and "Mutu Baku" in texts
        and "Output" in texts
        and "Jumlah waktu" in texts
    )
    assert "Kepala" in " ".join(texts) and "795" in texts


def test_terminators_processes_decisions_and_multi_lane_links():
    [page] = F.layout(LANES, _steps(decision_at=9))
    shapes = {}
    for item in page.items:
        if item.group.startswith("shape:"):
            shapes.setdefault(int(item.group.split(":")[1]), []).append(item)
    assert isinstance(shapes[1][0], F.Rect) and shapes[1][0].rx > 0  # capsule
    assert isinstance(shapes[14][0], F.Rect) and shapes[14][0].rx > 0
    assert isinstance(shapes[2][0], F.Rect) and shapes[2][0].rx == 0
    assert isinstance(shapes[9][0], F.Polygon) and len(shapes[9][0].points) == 4  # diamond
    assert (
        sum(isinstance(i, F.Rect) for i in shapes[5]) == 4 and sum(isinstance(i, F.Line) for i in shapes[5]) == 3
    )  # four lanes joined
    labels = [i.text for i in page.items if isinstance(i, F.Text) and i.group == "edge:9"]
    assert sorted(labels) == ["Tidak", "Ya"]
    arrows = [i for i in page.items if isinstance(i, F.Line) and i.arrow]
    assert len(arrows) == 14  # 12 sequential + the decision's two branches


def test_page_breaks_get_matching_off_page_connectors():
    options = F.Options(page_height=500, total=("795", "menit"))
    pages = F.layout(LANES, _steps(decision_at=12), options)
    assert len(pages) >= 2
    assert sum(len(p.steps) for p in pages) == 14
    letters = {}
    for page in pages:
        for item in page.items:
            if item.group.startswith("conn:") and isinstance(item, F.Polygon):
                letters.setdefault(item.group, []).append(page.number)
    assert letters and all(len(set(pages_)) == 2 for pages_ in letters.values())
    assert all(p.height <= 500 + 1 for p in pages)
    notes = [
        i.text
        for p in pages
        for i in p.items
        if isinstance(i, F.Text) and i.text.startswith(("ke lembar", "dari lembar"))
    ]
    assert "ke lembar 2" in notes and "dari lembar 1" in notes


def test_backward_branch_across_pages_uses_connectors_too():
    steps = _steps(14)
    steps[12].kind, steps[12].ya_ke, steps[12].tidak_ke = "decision", 14, 2
    pages = F.layout(LANES, steps, F.Options(page_height=420))
    groups = [i.group for p in pages for i in p.items if i.group.startswith("conn:")]
    assert len({g for g in groups}) >= 2


def test_steps_without_lane_are_drawn_without_a_shape_and_the_flow_skips_them():
    steps = _steps(5, lanes=[[0], [], [1], [1], [0]])
    [page] = F.layout(LANES, steps)
    shaped = {int(i.group.split(":")[1]) for i in page.items if i.group.startswith("shape:")}
    assert shaped == {1, 3, 4, 5}
    assert sum(1 for i in page.items if isinstance(i, F.Line) and i.arrow) == 3


def test_many_lanes_shrink_the_text_columns_and_long_labels_fit():
    cols = F.columns(860, 9)
    assert cols.lane_w == 50 and abs(cols.width - 860) < 0.01
    layout = F.Layout(["Kepala Dinsospermasdes"] * 2, _steps(2), F.Options())
    layout.header_height()
    assert layout.lane_fs <= 7.6


def test_png_and_wrapping():
    [page] = F.layout(LANES, _steps(3))
    png = F.to_png(page, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert F.wrap("kata " * 40, 100, 8)[0].startswith("kata")
    assert all(F.text_width(line, 8) <= 100 for line in F.wrap("Dinsospermasdesdinsospermasdes" * 3, 100, 8))


def test_svg_title_and_texts_cannot_break_out_of_attributes_or_elements():
    payload = "\"><script>alert(1)</script><img src=x onerror=alert(1)> ' onload='alert(2)"
    [page] = F.layout([payload, "Sekretaris"], _steps())
    svg = F.to_svg(page, title=payload)
    root = ET.fromstring(svg)  # still one well-formed SVG
    assert root.get("aria-label") == payload
    assert "<script" not in svg and "<img" not in svg
    assert not any(el.tag.endswith(("script", "img")) for el in root.iter())
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
