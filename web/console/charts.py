"""Survey charts as inline SVG drawn on the server: one 100 % stacked horizontal bar per question, no JavaScript.

Agree–disagree scales (1 to 5, the faces, yes / partly / no) take ColorBrewer's RdBu diverging palette, which
people with the common colour-vision deficiencies tell apart: red for the negative end, blue for the
positive end, a light grey in the middle for the neutral answer; "not concerned" stays grey, outside the
scale. Other answers take the Okabe–Ito palette. Colour is never the only clue: each segment wide enough
carries its percentage, the legend names every answer in full with its percentage, the SVG has a title
and a description read by screen readers (`role="img"`, `aria-labelledby`), and the page puts a data
table right under each chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

DIVERGING: dict[int, tuple[str, ...]] = {
    2: ("#ca0020", "#0571b0"),
    3: ("#ef8a62", "#f7f7f7", "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"),
}
"""ColorBrewer RdBu by number of classes, most negative first (colorbrewer2.org, colour-blind safe)."""
QUALITATIVE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000")
"""Okabe & Ito's palette for answers that are not a scale."""
OUTSIDE = "#bdbdbd"
"""Answers outside the scale ("not concerned")."""
POLARITY = {"no": -1, "partly": 0, "yes": 1}
"""Answer ids that form an agree–disagree scale, from the negative end to the positive one."""
OUTSIDE_KEYS = frozenset({"not_concerned"})

WIDTH = 640
BAR = 36
LEGEND_ROW = 24
FONT = "DejaVu Sans, Verdana, sans-serif"
MIN_LABELLED = 44
"""Segments narrower than this (in SVG units) show their percentage in the legend only."""


@dataclass(frozen=True)
class Segment:
    """One answer of a question: its full label, how many gave it, its share written in the reader's language."""

    key: str
    label: str
    count: int
    share: str
    """The percentage as the page writes it, e.g. "12,5 %"."""
    colour: str = ""


def ordered(keys: Sequence[str]) -> list[str]:
    """Answers in the bar's order: a yes / partly / no scale from its negative end, others as the question lists them.

    Numbered scales (1 to 5, the faces) already come lowest first.
    """
    if keys and all(k in POLARITY or k in OUTSIDE_KEYS for k in keys):
        scale = sorted((k for k in keys if k in POLARITY), key=POLARITY.__getitem__)
        return scale + [k for k in keys if k in OUTSIDE_KEYS]
    return list(keys)


def is_scale(keys: Sequence[str]) -> bool:
    """Whether the answers form an agree–disagree scale: numbered points, or yes / partly / no."""
    numbers = [k for k in keys if k.lstrip("-").isdigit()]
    if numbers and len(numbers) == len(keys):
        return 2 <= len(keys) <= max(DIVERGING)
    on_scale = [k for k in keys if k in POLARITY]
    return len(on_scale) >= 2 and all(k in POLARITY or k in OUTSIDE_KEYS for k in keys)


def palette(keys: Sequence[str]) -> list[str]:
    """One colour per answer (in the order given): diverging for a scale, grey outside it, else qualitative."""
    if is_scale(keys):
        on_scale = [k for k in keys if k not in OUTSIDE_KEYS]
        if not all(k.lstrip("-").isdigit() for k in on_scale) and len(on_scale) == 2:
            colours = iter(DIVERGING[2])  # yes / no: the two ends
        else:
            colours = iter(DIVERGING[len(on_scale)])
        return [OUTSIDE if k in OUTSIDE_KEYS else next(colours) for k in keys]
    return [QUALITATIVE[i % len(QUALITATIVE)] for i in range(len(keys))]


def ink(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill (WCAG relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def widths(counts: Sequence[int], total: int = WIDTH) -> list[float]:
    """Each segment's width, in proportion to its count, the widths adding up to exactly `total`."""
    answered = sum(counts)
    if not answered:
        return [0.0 for _ in counts]
    edges, seen = [0], 0
    for count in counts:
        seen += count
        edges.append(round(seen * total * 10 / answered))  # tenths of a unit, rounded once per edge
    return [(edges[i + 1] - edges[i]) / 10 for i in range(len(counts))]


def stacked_bar(chart_id: str, title: str, segments: Sequence[Segment], separator: str = " ; ") -> Markup:
    """The SVG of one question: a 100 % bar, each wide segment with its percentage, and a legend below.

    Its description (read by screen readers) lists every answer with its share, as the legend does, separated as the
    page's language writes a list of clauses (" ; " in French, "; " elsewhere).
    """
    description = separator.join(_legend(s) for s in segments)
    sizes = widths([s.count for s in segments])
    height = BAR + 16 + LEGEND_ROW * len(segments) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}" font-size="14">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{BAR}" fill="#ffffff" stroke="#4a4a4a"/>',
    ]
    left = 0.0
    for segment, size in zip(segments, sizes, strict=True):
        if size:
            parts.append(
                f'<rect class="segment" data-key="{escape(segment.key)}" x="{left:g}" y="0" width="{size:g}" '
                f'height="{BAR}" fill="{segment.colour}" stroke="#4a4a4a" stroke-width="1"/>'
            )
            if size >= MIN_LABELLED:
                parts.append(
                    f'<text x="{left + size / 2:g}" y="{BAR / 2 + 5:g}" text-anchor="middle" '
                    f'fill="{ink(segment.colour)}">{escape(segment.share)}</text>'
                )
        left += size
    for row, segment in enumerate(segments):
        y = BAR + 16 + row * LEGEND_ROW
        parts.append(
            f'<rect x="0" y="{y}" width="16" height="16" fill="{segment.colour}" stroke="#1b1b1b" stroke-width="1"/>'
        )
        parts.append(f'<text class="legend" x="24" y="{y + 13}" fill="#1b1b1b">{escape(_legend(segment))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above went through html.escape


def coloured(segments: Sequence[Segment]) -> list[Segment]:
    """The segments with their palette colours."""
    colours = palette([s.key for s in segments])
    return [Segment(s.key, s.label, s.count, s.share, colour) for s, colour in zip(segments, colours, strict=True)]


def _legend(segment: Segment) -> str:
    return f"{segment.label} — {segment.share} ({segment.count})"
