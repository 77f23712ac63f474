"""Gallery images of the author's app views and the lecture notes' statics (docs/reproduce.md).

Run from the repository root:  python docs/img/make_view_images.py
"""

from __future__ import annotations

from pathlib import Path

from bargainlab.viz import author_views as av
from bargainlab.viz import lecture_statics as ls

HERE = Path(__file__).parent


def main() -> list[Path]:
    """Write the gallery's PNG files; return them."""
    values = av.binary_values(0.1, 0.6, 0.3, 1.0)
    figures = {
        "view-offers.png": av.offers_view(values, 0.5, moving="p2", belief=0.5),
        "view-gap.png": av.gap_view(values, 0.5, moving="p1", belief=0.5),
        "view-whole-gap.png": av.whole_gap_view(values, 0.5, belief=0.7),
        "view-convexity.png": av.convexity_view(values, 0.5, moving="p2", belief=0.2),
        "lecture-posted-price-equilibria.png": ls.posted_price_equilibria(points=21),
        "lecture-nash-beta.png": ls.nash_against_beta(),
    }
    return [data.write(HERE / name) for name, data in figures.items()]


if __name__ == "__main__":
    for path in main():
        print(path)
