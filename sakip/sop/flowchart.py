"""The procedure page of an SOP AP (Permendagri 52/2011) with its swimlane flowchart — pure Python.

The whole page is laid out here: the table (No | Uraian Prosedur | one column per lane |
Kelengkapan | Waktu | Output | Keterangan) with the flowchart drawn in the lane columns:
terminator (capsule) for the first and last step, process rectangles, decision diamonds with
"Ya"/"Tidak", arrows between consecutive steps across lanes, and off-page connectors (pentagons
with a letter) where the table breaks across pages. The layout is a list of primitives drawn as
SVG (screen, PDF through WeasyPrint) or PNG (DOCX, through Pillow), so every output agrees.

Text is measured with the shipped Liberation Sans metrics, so row heights are known before
drawing and page breaks fall between rows.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageDraw, ImageFont


def escape(text) -> str:
    """Escape for SVG text and attribute values: &, <, > and both quotes (the SVG is printed unescaped)."""
    return _xml_escape(str(text), {'"': "&quot;", "'": "&#x27;"})


PT_PER_MM = 72 / 25.4
FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"


# --- input ------------------------------------------------------------------------------------------
@dataclass
class FlowStep:
    number: int
    uraian: str
    kind: str = "process"  # start | process | decision | end
    lanes: list[int] = field(default_factory=list)
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    ya_ke: int | None = None
    tidak_ke: int | None = None


@dataclass
class Options:
    width: float = 306 * PT_PER_MM  # F4 landscape minus 12 mm margins
    page_height: float | None = None  # None: one continuous page
    font_size: float = 7.6
    line_height: float = 1.22
    pad: float = 3.2
    min_row: float = 40.0
    min_decision_row: float = 50.0
    strip: float = 26.0
    waktu_header: str = "Waktu"
    total: tuple[str, str] | None = None  # ("795", "menit = 13 jam 15 menit")


# --- primitives -------------------------------------------------------------------------------------
@dataclass
class Line:
    points: list[tuple[float, float]]
    width: float = 0.8
    arrow: bool = False
    group: str = ""


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    rx: float = 0.0
    fill: str = "none"
    width: float = 0.8
    stroke: str = "#000"
    group: str = ""


@dataclass
class Polygon:
    points: list[tuple[float, float]]
    fill: str = "#fff"
    width: float = 0.8
    group: str = ""


@dataclass
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    anchor: str = "start"  # start | middle | end
    color: str = "#000"
    group: str = ""


@dataclass
class Page:
    width: float
    height: float
    items: list = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    number: int = 1
    bands: list = field(default_factory=list)  # (kind, y, height, FlowStep|None): header, strip, step, total

    def flow_only(self) -> Page:
        """The flowchart without the table (shapes, arrows, connectors): for cropping into DOCX cells."""
        keep = [i for i in self.items if getattr(i, "group", "").split(":")[0] in ("shape", "edge", "conn")]
        return Page(self.width, self.height, keep, self.steps, self.number, self.bands)


# --- text measuring -------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _font(bold: bool):
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), 100)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return _font(bold).getlength(text) * size / 100


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap within `width` points; over-long words are broken."""
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        words = paragraph.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if text_width(candidate, size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while text_width(word, size, bold) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut] + "-", size, bold) > width:
                    cut -= 1
                lines.append(word[:cut] + "-")
                word = word[cut:]
            current = word
        if current or not words:
            lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


# --- columns --------------------------------------------------------------------------------------
@dataclass
class Columns:
    x: dict
    w: dict
    lane_x: list[float]
    lane_w: float
    width: float

    def lane_center(self, i):
        return self.lane_x[i] + self.lane_w / 2


def columns(width: float, n_lanes: int) -> Columns:
    n = max(1, n_lanes)
    share = {"no": 0.032, "uraian": 0.22, "kelengkapan": 0.11, "waktu": 0.052, "output": 0.11, "keterangan": 0.10}
    w = {k: v * width for k, v in share.items()}
    rest = width - sum(w.values())
    lane_w = rest / n
    if lane_w < 50:  # many lanes: shrink the text columns
        need = 50 * n - rest
        shrinkable = ["uraian", "kelengkapan", "output", "keterangan"]
        total = sum(w[k] for k in shrinkable)
        for k in shrinkable:
            w[k] -= need * w[k] / total
        lane_w = 50
    elif lane_w > 95:  # few lanes: give the room to the text
        extra = (lane_w - 95) * n
        lane_w = 95
        w["uraian"] += extra * 0.6
        w["kelengkapan"] += extra * 0.15
        w["output"] += extra * 0.15
        w["keterangan"] += extra * 0.1
    x = {}
    cursor = 0.0
    x["no"] = cursor
    cursor += w["no"]
    x["uraian"] = cursor
    cursor += w["uraian"]
    lane_x = []
    for _i in range(n):
        lane_x.append(cursor)
        cursor += lane_w
    for k in ("kelengkapan", "waktu", "output", "keterangan"):
        x[k] = cursor
        cursor += w[k]
    return Columns(x=x, w=w, lane_x=lane_x, lane_w=lane_w, width=cursor)


# --- layout ---------------------------------------------------------------------------------------
@dataclass
class _Row:
    step: FlowStep
    height: float
    lines: dict
    page: int = 0
    y: float = 0.0

    @property
    def cy(self):
        return self.y + self.height / 2


def _shape_size(kind: str, lane_w: float):
    if kind == "decision":
        return min(lane_w - 12, 54), 30.0
    if kind in ("start", "end"):
        return min(lane_w - 14, 62), 17.0
    return min(lane_w - 14, 62), 20.0


class Layout:
    def __init__(self, lanes: list[str], steps: list[FlowStep], options: Options | None = None):
        self.lanes = lanes or ["Pelaksana"]
        self.steps = steps
        self.o = options or Options()
        self.cols = columns(self.o.width, len(self.lanes))
        self.lh = self.o.font_size * self.o.line_height
        self.pages: list[Page] = []
        self._letters = iter(string.ascii_uppercase + string.ascii_lowercase)
        self._gutters: dict = {}

    # Kinds: the first and the last step are terminators whatever their stored kind.
    def kind_of(self, step: FlowStep, index: int) -> str:
        if step.kind == "decision":
            return "decision"
        if index == 0:
            return "start"
        if index == len(self.steps) - 1:
            return "end"
        return "process"

    # --- header ---------------------------------------------------------------------------------
    def lane_label_size(self):
        """The header font size that fits every lane label's longest word (never below 5.5 pt)."""
        o, c = self.o, self.cols
        size = o.font_size
        longest = max(
            (w for label in self.lanes for w in label.split()), key=lambda w: text_width(w, size, True), default=""
        )
        while size > 5.5 and text_width(longest, size, True) > c.lane_w - 2 * o.pad:
            size -= 0.2
        return size

    def header_height(self):
        o, c = self.o, self.cols
        self.lane_fs = self.lane_label_size()
        lines = [wrap(label, c.lane_w - 2 * o.pad, self.lane_fs, True) for label in self.lanes]
        lines.append(wrap(self.o.waktu_header, c.w["waktu"] - 2 * o.pad, o.font_size, True))
        lines.append(wrap("Kelengkapan", c.w["kelengkapan"] - 2 * o.pad, o.font_size, True))
        self._lane_label_lines = lines[: len(self.lanes)]
        self._waktu_header_lines = lines[len(self.lanes)]
        top = self.lh + 2 * o.pad
        below = max(len(x) for x in lines) * self.lh + 2 * o.pad
        self._header_top = top
        return top + below

    def draw_header(self, page: Page, y0: float):
        o, c = self.o, self.cols
        top = self._header_top
        h = self.header_h
        fs = o.font_size
        items = page.items
        items.append(Rect(0, y0, c.width, h, fill="#e7e7e7", width=0))

        def centered(text_lines, x, w, y, hh, size=fs):
            total = len(text_lines) * self.lh
            base = y + (hh - total) / 2 + size * 0.85
            for i, line in enumerate(text_lines):
                items.append(Text(x + w / 2, base + i * self.lh, line, size, bold=True, anchor="middle"))

        lanes_x, lanes_w = c.lane_x[0], c.lane_w * len(self.lanes)
        mutu_x = c.x["kelengkapan"]
        mutu_w = c.w["kelengkapan"] + c.w["waktu"] + c.w["output"]
        centered(wrap("No.", c.w["no"] - 2, fs, True), c.x["no"], c.w["no"], y0, h)
        centered(wrap("Uraian Prosedur", c.w["uraian"] - 2 * o.pad, fs, True), c.x["uraian"], c.w["uraian"], y0, h)
        centered(["Pelaksana"], lanes_x, lanes_w, y0, top)
        centered(["Mutu Baku"], mutu_x, mutu_w, y0, top)
        centered(
            wrap("Keterangan", c.w["keterangan"] - 2 * o.pad, fs, True), c.x["keterangan"], c.w["keterangan"], y0, h
        )
        for i, lines in enumerate(self._lane_label_lines):
            centered(lines, c.lane_x[i], c.lane_w, y0 + top, h - top, self.lane_fs)
        centered(
            wrap("Kelengkapan", c.w["kelengkapan"] - 2 * o.pad, fs, True),
            c.x["kelengkapan"],
            c.w["kelengkapan"],
            y0 + top,
            h - top,
        )
        centered(self._waktu_header_lines, c.x["waktu"], c.w["waktu"], y0 + top, h - top)
        centered(["Output"], c.x["output"], c.w["output"], y0 + top, h - top)
        # grid
        items.append(Rect(0, y0, c.width, h, width=0.9))
        items.append(Line([(lanes_x, y0 + top), (lanes_x + lanes_w, y0 + top)]))
        items.append(Line([(mutu_x, y0 + top), (mutu_x + mutu_w, y0 + top)]))
        for x in [c.x["uraian"], lanes_x, mutu_x, c.x["keterangan"]]:
            items.append(Line([(x, y0), (x, y0 + h)]))
        for i in range(1, len(self.lanes)):
            items.append(Line([(c.lane_x[i], y0 + top), (c.lane_x[i], y0 + h)]))
        for k in ("waktu", "output"):
            items.append(Line([(c.x[k], y0 + top), (c.x[k], y0 + h)]))

    # --- rows -------------------------------------------------------------------------------------
    def measure(self, step: FlowStep, index: int) -> _Row:
        o, c = self.o, self.cols
        lines = {
            "no": [f"{step.number}."],
            "uraian": wrap(step.uraian, c.w["uraian"] - 2 * o.pad, o.font_size),
            "kelengkapan": wrap(step.kelengkapan, c.w["kelengkapan"] - 2 * o.pad, o.font_size),
            "waktu": wrap(step.waktu, c.w["waktu"] - 2 * o.pad, o.font_size),
            "output": wrap(step.output, c.w["output"] - 2 * o.pad, o.font_size),
            "keterangan": wrap(step.keterangan, c.w["keterangan"] - 2 * o.pad, o.font_size),
        }
        text_h = max(len(v) for v in lines.values()) * self.lh + 2 * o.pad
        minimum = o.min_decision_row if self.kind_of(step, index) == "decision" else o.min_row
        return _Row(step=step, height=max(text_h, minimum), lines=lines)

    def draw_row_text(self, page: Page, row: _Row):
        o, c = self.o, self.cols
        group = f"text:{row.step.number}"
        for key, lines in row.lines.items():
            x = c.x[key]
            w = c.w[key]
            anchor = "middle" if key in ("no", "waktu") else "start"
            tx = x + w / 2 if anchor == "middle" else x + o.pad
            base = row.y + o.pad + o.font_size * 0.85
            for i, line in enumerate(lines):
                page.items.append(Text(tx, base + i * self.lh, line, o.font_size, anchor=anchor, group=group))

    def draw_grid(self, page: Page, y0: float, y1: float, row_lines: list[float]):
        c = self.cols
        items = page.items
        items.append(Rect(0, y0, c.width, y1 - y0, width=0.9))
        for x in [c.x["uraian"], *c.lane_x, c.x["kelengkapan"], c.x["waktu"], c.x["output"], c.x["keterangan"]]:
            items.append(Line([(x, y0), (x, y1)], width=0.6))
        for y in row_lines:
            items.append(Line([(0, y), (c.width, y)], width=0.6))

    # --- shapes -----------------------------------------------------------------------------------
    def shape_boxes(self, row: _Row, index: int):
        """(lane, cx, cy, w, h, kind) of each shape of a step."""
        kind = self.kind_of(row.step, index)
        w, h = _shape_size(kind, self.cols.lane_w)
        return [
            (lane, self.cols.lane_center(lane), row.cy, w, h, kind)
            for lane in sorted(set(row.step.lanes))
            if 0 <= lane < len(self.lanes)
        ]

    def draw_shapes(self, page: Page, row: _Row, index: int):
        boxes = self.shape_boxes(row, index)
        group = f"shape:{row.step.number}"
        for _lane, cx, cy, w, h, kind in boxes:
            if kind == "decision":
                page.items.append(
                    Polygon([(cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2), (cx - w / 2, cy)], group=group)
                )
            elif kind in ("start", "end"):
                page.items.append(Rect(cx - w / 2, cy - h / 2, w, h, rx=h / 2, fill="#fff", group=group))
            else:
                page.items.append(Rect(cx - w / 2, cy - h / 2, w, h, fill="#fff", group=group))
        for (_l1, x1, y1, w1, _h1, _k1), (_l2, x2, _y2, w2, _h2, _k2) in zip(boxes, boxes[1:]):
            page.items.append(Line([(x1 + w1 / 2, y1), (x2 - w2 / 2, y1)], group=group))

    # --- edges ------------------------------------------------------------------------------------
    def edges(self):
        """(source index, target index, label, main) for the drawable steps."""
        drawable = [i for i, s in enumerate(self.steps) if any(0 <= lane < len(self.lanes) for lane in s.lanes)]
        by_number = {s.number: i for i, s in enumerate(self.steps)}

        def next_drawable(i):
            return next((j for j in drawable if j > i), None)

        def drawable_at_or_after(i):
            return next((j for j in drawable if j >= i), None)

        out = []
        for i in drawable:
            step = self.steps[i]
            if step.kind == "decision":
                ya = by_number.get(step.ya_ke) if step.ya_ke else i + 1
                tidak = by_number.get(step.tidak_ke) if step.tidak_ke else None
                for target, label in ((ya, "Ya"), (tidak, "Tidak")):
                    if target is None or target >= len(self.steps):
                        continue
                    j = (
                        drawable_at_or_after(target)
                        if target > i
                        else (target if target in drawable else drawable_at_or_after(target))
                    )
                    if j is None or j == i:
                        continue
                    out.append((i, j, label, j == next_drawable(i)))
                continue
            if i == len(self.steps) - 1:
                continue
            j = next_drawable(i)
            if j is not None:
                out.append((i, j, "", True))
        # Only one "main" edge per source (the decision's branch to the next step).
        seen = set()
        result = []
        for i, j, label, main in out:
            if main and i in seen:
                main = False
            if main:
                seen.add(i)
            result.append((i, j, label, main))
        return result

    def _nearest(self, boxes, lane):
        return min(boxes, key=lambda b: (abs(b[0] - lane), b[0]))

    def _gutter(self, page_no, lane, side):
        key = (page_no, lane, side)
        n = self._gutters.get(key, 0)
        self._gutters[key] = n + 1
        inset = 5 + 4 * n
        return self.cols.lane_x[lane] + (self.cols.lane_w - inset if side == "right" else inset)

    def route(self, rows, i, j, label, main, connectors):
        src_row, dst_row = rows[i], rows[j]
        src_boxes = self.shape_boxes(src_row, i)
        dst_boxes = self.shape_boxes(dst_row, j)
        s = self._nearest(src_boxes, dst_boxes[0][0])
        t = self._nearest(dst_boxes, s[0])
        s_lane, sx, sy, sw, sh, skind = s
        t_lane, tx, ty, tw, th, _tkind = t
        src_page = self.pages[src_row.page]
        dst_page = self.pages[dst_row.page]
        group = f"edge:{src_row.step.number}"
        forward = j > i
        same_page = src_row.page == dst_row.page
        items = src_page.items

        def add_label(x, y, anchor="start"):
            if label:
                items.append(Text(x, y, label, self.o.font_size - 0.6, bold=True, anchor=anchor, group=group))

        if main and forward:
            if same_page:
                if s_lane == t_lane:
                    items.append(Line([(sx, sy + sh / 2), (tx, ty - th / 2)], arrow=True, group=group))
                    add_label(sx + 3, sy + sh / 2 + 8)
                else:
                    side = 1 if t_lane > s_lane else -1
                    start = (sx + side * sw / 2, sy)
                    items.append(Line([start, (tx, sy), (tx, ty - th / 2)], arrow=True, group=group))
                    add_label(start[0] + side * 3, sy - 4, "start" if side > 0 else "end")
                return
            # forward across pages: down to the off-page connector, continued on the target page
            letter = next(self._letters)
            bottom_y = self.page_rows_bottom(src_row.page) + 4
            items.append(Line([(sx, sy + sh / 2), (sx, bottom_y)], arrow=True, group=group))
            add_label(sx + 3, sy + sh / 2 + 8)
            connectors.append((src_page, sx, bottom_y, letter, f"ke lembar {dst_row.page + 1}", "down"))
            top_y = self.page_rows_top(dst_row.page) - self.o.strip + 3
            connectors.append((dst_page, tx, top_y, letter, f"dari lembar {src_row.page + 1}", "down"))
            dst_page.items.append(
                Line([(tx, top_y + 14), (tx, ty - th / 2)], arrow=True, group=f"edge:{dst_row.step.number}")
            )
            return

        # Branches and jumps: out of the side, along the lane's gutter, into the target's side.
        # The side avoids the decision's own main exit (weight 2) and the target's main exit (weight 1).
        def main_exit_side(index, lane):
            nxt = next((e for e in self._edge_list if e[0] == index and e[3]), None)
            if nxt is None:
                return None
            nbox = self._nearest(self.shape_boxes(rows[nxt[1]], nxt[1]), lane)
            return None if nbox[0] == lane else ("right" if nbox[0] > lane else "left")

        src_exit = main_exit_side(i, s_lane) if skind == "decision" else None
        dst_exit = main_exit_side(j, t_lane)
        cost = {"right": 0, "left": 0}
        if src_exit:
            cost[src_exit] += 2
        if dst_exit:
            cost[dst_exit] += 1
        if skind != "decision":
            cost["right" if t_lane < s_lane else "left"] += 0.5  # toward the target when nothing else matters
        side = "right" if cost["right"] <= cost["left"] else "left"
        sign = 1 if side == "right" else -1
        start = (sx + sign * sw / 2, sy)
        # Entering the target on the side its own next arrow leaves from: come in above it.
        entry_y = ty - th / 4 if dst_exit == side else ty
        label_y = (
            sy + 8 if ty < sy else sy - 4
        )  # below the line when the branch goes up, so the gutter does not cross it
        if same_page:
            gx = self._gutter(src_row.page, max(s_lane, t_lane) if side == "right" else min(s_lane, t_lane), side)
            end_x = tx + (tw / 2 if gx > tx else -tw / 2)
            items.append(Line([start, (gx, sy), (gx, entry_y), (end_x, entry_y)], arrow=True, group=group))
            add_label(start[0] + sign * 3, label_y, "start" if sign > 0 else "end")
            return
        letter = next(self._letters)
        gx = self._gutter(src_row.page, s_lane, side)
        if forward:
            edge_y = self.page_rows_bottom(src_row.page) + 4
            items.append(Line([start, (gx, sy), (gx, edge_y)], arrow=True, group=group))
            connectors.append((src_page, gx, edge_y, letter, f"ke lembar {dst_row.page + 1}", "down"))
            gx2 = self._gutter(dst_row.page, t_lane, side)
            top_y = self.page_rows_top(dst_row.page) - self.o.strip + 3
            connectors.append((dst_page, gx2, top_y, letter, f"dari lembar {src_row.page + 1}", "down"))
            end_x = tx + (tw / 2 if gx2 > tx else -tw / 2)
            dst_page.items.append(
                Line([(gx2, top_y + 14), (gx2, ty), (end_x, ty)], arrow=True, group=f"edge:{dst_row.step.number}")
            )
        else:
            edge_y = self.page_rows_top(src_row.page) - self.o.strip + 3 + 14
            items.append(Line([start, (gx, sy), (gx, edge_y)], arrow=True, group=group))
            connectors.append((src_page, gx, edge_y - 14, letter, f"ke lembar {dst_row.page + 1}", "up"))
            gx2 = self._gutter(dst_row.page, t_lane, side)
            bottom_y = self.page_rows_bottom(dst_row.page) + 4
            connectors.append((dst_page, gx2, bottom_y, letter, f"dari lembar {src_row.page + 1}", "up"))
            end_x = tx + (tw / 2 if gx2 > tx else -tw / 2)
            dst_page.items.append(
                Line([(gx2, bottom_y), (gx2, ty), (end_x, ty)], arrow=True, group=f"edge:{dst_row.step.number}")
            )
        add_label(start[0] + sign * 3, sy - 4, "start" if sign > 0 else "end")

    def draw_connector(self, page, x, y, letter, note, _direction):
        """Off-page connector: a pentagon pointing down, its letter inside, the page it links beside it."""
        w, h = 15.0, 14.0
        group = f"conn:{letter}"
        page.items.append(
            Polygon(
                [(x - w / 2, y), (x + w / 2, y), (x + w / 2, y + h * 0.62), (x, y + h), (x - w / 2, y + h * 0.62)],
                group=group,
            )
        )
        page.items.append(Text(x, y + h * 0.55, letter, self.o.font_size, bold=True, anchor="middle", group=group))
        page.items.append(
            Text(x + w / 2 + 2, y + h * 0.55, note, self.o.font_size - 1.8, anchor="start", color="#333", group=group)
        )

    # --- pages ------------------------------------------------------------------------------------
    def page_rows_top(self, page_no):
        return self._rows_top[page_no]

    def page_rows_bottom(self, page_no):
        return self._rows_bottom[page_no]

    def build(self) -> list[Page]:
        o = self.o
        self.header_h = self.header_height()
        rows = [self.measure(step, i) for i, step in enumerate(self.steps)]
        total_h = (self.lh + 2 * o.pad) if o.total else 0
        # paginate
        pages_rows: list[list[int]] = [[]]
        if o.page_height:
            y = self.header_h
            for i, row in enumerate(rows):
                is_last = i == len(rows) - 1
                need = row.height + (total_h if is_last else o.strip)
                if pages_rows[-1] and y + need > o.page_height:
                    pages_rows.append([])
                    y = self.header_h + o.strip
                pages_rows[-1].append(i)
                y += row.height
        else:
            pages_rows = [list(range(len(rows)))]
        n_pages = len(pages_rows)
        self._rows_top, self._rows_bottom = [], []
        for p, indexes in enumerate(pages_rows):
            top = self.header_h + (o.strip if p > 0 else 0)
            y = top
            for i in indexes:
                rows[i].page = p
                rows[i].y = y
                y += rows[i].height
            self._rows_top.append(top)
            self._rows_bottom.append(y)
            last = p == n_pages - 1
            height = y + (o.strip if not last else total_h)
            if o.page_height and not last:
                height = max(height, min(o.page_height, y + o.strip))
            page = Page(
                width=self.cols.width, height=height + 1, steps=[rows[i].step.number for i in indexes], number=p + 1
            )
            bands = [("header", 0.0, self.header_h, None)]
            if p > 0:
                bands.append(("strip", top - o.strip, o.strip, None))
            bands += [("step", rows[i].y, rows[i].height, rows[i].step) for i in indexes]
            if not last:
                bands.append(("strip", y, o.strip, None))
            elif total_h:
                bands.append(("total", y, total_h, None))
            page.bands = bands
            self.pages.append(page)
        # draw: header, text, grid, shapes, then edges and connectors on top
        for p, indexes in enumerate(pages_rows):
            page = self.pages[p]
            self.draw_header(page, 0)
            top, bottom = self._rows_top[p], self._rows_bottom[p]
            for i in indexes:
                self.draw_row_text(page, rows[i])
            lines = [rows[i].y for i in indexes[1:]] + [bottom]
            grid_top = top - (o.strip if p > 0 else 0)
            grid_bottom = bottom + (o.strip if p < n_pages - 1 else 0)
            if p > 0:
                lines.append(top)
            if o.total and p == n_pages - 1:
                self.draw_total(page, bottom, total_h)
            self.draw_grid(page, grid_top, grid_bottom, lines)
        connectors = []
        self._edge_list = self.edges()
        for i, j, label, main in self._edge_list:
            self.route(rows, i, j, label, main, connectors)
        for p, indexes in enumerate(pages_rows):
            for i in indexes:
                self.draw_shapes(self.pages[p], rows[i], i)
        for page, x, y, letter, note, direction in connectors:
            self.draw_connector(page, x, y, letter, note, direction)
        return self.pages

    def draw_total(self, page: Page, y: float, h: float):
        o, c = self.o, self.cols
        number, text = o.total
        base = y + o.pad + o.font_size * 0.85
        page.items.append(Rect(0, y, c.width, h, fill="#f2f2f2", width=0))
        page.items.append(Text(c.x["waktu"] - o.pad, base, "Jumlah waktu", o.font_size, bold=True, anchor="end"))
        page.items.append(Text(c.x["waktu"] + c.w["waktu"] / 2, base, number, o.font_size, bold=True, anchor="middle"))
        page.items.append(Text(c.x["output"] + o.pad, base, text, o.font_size, bold=True))
        page.items.append(Rect(0, y, c.width, h, width=0.9))
        page.items.append(Line([(c.x["waktu"], y), (c.x["waktu"], y + h)], width=0.6))
        page.items.append(Line([(c.x["output"], y), (c.x["output"], y + h)], width=0.6))


def layout(lanes: list[str], steps: list[FlowStep], options: Options | None = None) -> list[Page]:
    return Layout(lanes, steps, options).build()


# --- SVG ------------------------------------------------------------------------------------------
def _arrow_head(points, size=4.2):
    (x1, y1), (x2, y2) = points[-2], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1
    ux, uy = dx / length, dy / length
    bx, by = x2 - ux * size, y2 - uy * size
    px, py = -uy * size * 0.45, ux * size * 0.45
    return [(x2, y2), (bx + px, by + py), (bx - px, by - py)]


def _fmt(v):
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _svg_item(item) -> str:
    if isinstance(item, Line):
        pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in item.points)
        out = f'<polyline points="{pts}" fill="none" stroke="#000" stroke-width="{_fmt(item.width)}"/>'
        if item.arrow:
            head = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in _arrow_head(item.points))
            out += f'<polygon points="{head}" fill="#000"/>'
        return out
    if isinstance(item, Rect):
        stroke = f' stroke="{item.stroke}" stroke-width="{_fmt(item.width)}"' if item.width else ' stroke="none"'
        rx = f' rx="{_fmt(item.rx)}"' if item.rx else ""
        return (
            f'<rect x="{_fmt(item.x)}" y="{_fmt(item.y)}" width="{_fmt(item.w)}" height="{_fmt(item.h)}"{rx} '
            f'fill="{item.fill}"{stroke}/>'
        )
    if isinstance(item, Polygon):
        pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in item.points)
        return f'<polygon points="{pts}" fill="{item.fill}" stroke="#000" stroke-width="{_fmt(item.width)}"/>'
    if isinstance(item, Text):
        weight = ' font-weight="bold"' if item.bold else ""
        fill = f' fill="{item.color}"' if item.color != "#000" else ""
        return (
            f'<text x="{_fmt(item.x)}" y="{_fmt(item.y)}" font-size="{_fmt(item.size)}" '
            f'text-anchor="{escape(item.anchor)}"{weight}{fill}>{escape(item.text)}</text>'
        )
    raise TypeError(item)


def to_svg(page: Page, *, title: str = "", css_class: str = "sop-flowchart") -> SafeString:
    """One page as a standalone SVG (width/height in points). Every text and attribute value built from data
    goes through escape() above, so the result is marked safe here, once, and templates print it as it is
    (no `|safe` in a template)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" viewBox="0 0 '
        f'{_fmt(page.width)} {_fmt(page.height)}" '
        f'width="{_fmt(page.width)}pt" height="{_fmt(page.height)}pt" role="img" '
        f'aria-label="{escape(title)}" data-page="{page.number}" '
        f'font-family="Liberation Sans, Arial, Helvetica, sans-serif">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append('<rect x="0" y="0" width="100%" height="100%" fill="#fff"/>')
    current = None
    for item in page.items:
        group = getattr(item, "group", "")
        if group != current:
            if current:
                parts.append("</g>")
            if group:
                kind, number = group.split(":", 1)
                attr = "data-connector" if kind == "conn" else "data-step"
                parts.append(f'<g class="sop-{escape(kind)}" {attr}="{escape(number)}">')
            current = group
        parts.append(_svg_item(item))
    if current:
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every value above went through escape()


# --- PNG ------------------------------------------------------------------------------------------
def to_png(page: Page, *, scale: float = 3.0, crop: tuple[float, float, float, float] | None = None) -> bytes:
    """One page as PNG (scale pixels per point); crop = (x, y, w, h) in points."""
    img = to_image(page, scale=scale)
    if crop:
        x, y, w, h = crop
        img = img.crop((int(x * scale), int(y * scale), int((x + w) * scale), int((y + h) * scale)))
    buffer = BytesIO()
    img.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def to_image(page: Page, *, scale: float = 3.0, transparent: bool = False):
    """One page as a Pillow image (scale pixels per point); transparent: no background (for DOCX cells)."""
    size = (int(page.width * scale) + 1, int(page.height * scale) + 1)
    img = Image.new("RGBA", size, (255, 255, 255, 0)) if transparent else Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    fonts = {}

    def font(size, bold):
        key = (round(size * scale), bold)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(
                str(FONT_DIR / ("LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf")), key[0]
            )
        return fonts[key]

    def s(points):
        return [(x * scale, y * scale) for x, y in points]

    for item in page.items:
        if isinstance(item, Line):
            width = max(1, round(item.width * scale))
            draw.line(s(item.points), fill="black", width=width, joint="curve")
            if item.arrow:
                draw.polygon(s(_arrow_head(item.points)), fill="black")
        elif isinstance(item, Rect):
            box = [item.x * scale, item.y * scale, (item.x + item.w) * scale, (item.y + item.h) * scale]
            fill = None if item.fill == "none" else item.fill
            outline = "black" if item.width else None
            draw.rounded_rectangle(
                box,
                radius=item.rx * scale,
                fill=fill,
                outline=outline,
                width=max(1, round(item.width * scale)) if item.width else 0,
            )
        elif isinstance(item, Polygon):
            draw.polygon(s(item.points), fill=item.fill, outline="black", width=max(1, round(item.width * scale)))
        elif isinstance(item, Text):
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[item.anchor]
            draw.text(
                (item.x * scale, item.y * scale),
                item.text,
                fill=item.color,
                font=font(item.size, item.bold),
                anchor=anchor,
            )
    return img
