"""Gallery images of the author's app views and the lecture notes' statics (docs/reproduce.md),
and a screenshot of the app's author-views page.

Run from the repository root:  python docs/img/make_view_images.py
(the screenshot needs the ``[dev]`` extra and Debian's Chromium; ``--no-app`` skips it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root: the tests' browser harness

from bargainlab.viz import author_views as av
from bargainlab.viz import lecture_statics as ls

HERE = Path(__file__).parent
#: The app page's link: Proposition 1's values, the whole-Gap argument against p₁ (p₂ = 0.7), x = 0.5.
LINK = "values1=0.1,0.6&prior1=0.4&values2=0.3,1&prior2=0.7&share=0.5&view=whole-gap&moving=p1"
WAIT_MS = 120_000


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


def app_screenshot(target: Path = HERE / "app-author-views.png", link: str = LINK) -> Path:
    """The author-views page of the running app at ``link``."""
    from tests.app.browser import chromium_page, running_app

    with running_app() as base, chromium_page() as page:
        page.goto(f"{base}/author_views?{link}")
        page.locator(".js-plotly-plot .gtitle").wait_for(timeout=WAIT_MS)
        time.sleep(1.5)  # let the chart finish its transition
        page.screenshot(path=str(target), full_page=False)
    return target


if __name__ == "__main__":
    for path in [*main(), *([] if "--no-app" in sys.argv else [app_screenshot()])]:
        print(path)
