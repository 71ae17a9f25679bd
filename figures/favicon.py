"""The book's icon, shown in the browser tab: a tiny network, two inputs feeding one unit.

``python figures/favicon.py`` writes ``figures/favicon.svg`` beside this script; ``python figures/favicon.py OUT``
writes it to OUT. Plain SVG text, so it needs nothing but Python and stays sharp at any size. The colours are the
book's (nnbook.plotting.PALETTE, Okabe-Ito): inputs blue, the unit vermilion.
"""

import sys
from pathlib import Path

BLUE, VERMILION, GREY = "#0072B2", "#D55E00", "#555555"

INPUTS = [(8, 9), (8, 23)]  # centres of the two input units, on a 32 x 32 canvas
UNIT = (24, 16)  # centre of the unit they feed


def svg():
    edges = "".join(f'<line x1="{x}" y1="{y}" x2="{UNIT[0]}" y2="{UNIT[1]}"/>' for x, y in INPUTS)
    inputs = "".join(f'<circle cx="{x}" cy="{y}" r="5" fill="{BLUE}"/>' for x, y in INPUTS)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
        "<title>Neural networks, an executable book</title>"
        f'<g stroke="{GREY}" stroke-width="2.5" stroke-linecap="round">{edges}</g>'
        f"{inputs}"
        f'<circle cx="{UNIT[0]}" cy="{UNIT[1]}" r="7" fill="{VERMILION}"/>'
        "</svg>\n"
    )


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_suffix(".svg")
    out.write_text(svg(), encoding="utf-8")
