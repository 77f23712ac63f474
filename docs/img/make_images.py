"""Make the documentation's images: figures from the library and a screenshot of the running app.

Run from the repository root:  python docs/img/make_images.py
(needs the ``[dev]`` extra and Debian's Chromium for the screenshot).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root: the tests' browser harness

from tests.app.browser import chromium_page, running_app
from bargainlab.core.environment import two_sided_environment
from bargainlab.viz import two_sided as figures

HERE = Path(__file__).parent
#: The tutorial's point: l1 < l2 < h1 < h2 (Proposition 1), p = (0.1, 0.9), β = 1/2.
ENV = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)
LINK = "values1=0.1,0.6&prior1=0.1&values2=0.5,1&prior2=0.9&beta=0.5&view=Gap+map"
WAIT_MS = 120_000


def figures_to_files() -> list[Path]:
    """The gap map (with a²'s zones), the payoff lines, the δ curve and the Figure 5.1 view as PNG."""
    made = [
        figures.gap_map(ENV).write(HERE / "gap-map.png"),
        figures.interim_payoffs(ENV, vary=2, points=51).write(HERE / "payoffs.png"),
        figures.outcome_against_delta(ENV).write(HERE / "delta.png"),
        figures.offers_dominance(ENV).write(HERE / "dominance.png"),
    ]
    return made


def app_screenshot() -> Path:
    """The two-sided page with the gap map open, at the tutorial's point."""
    target = HERE / "app-two-sided.png"
    with running_app() as base, chromium_page() as page:
        page.goto(f"{base}/two_sided?{LINK}")
        page.locator(".js-plotly-plot .gtitle").filter(has_text="β = 0.5)").wait_for(timeout=WAIT_MS)
        time.sleep(1.0)  # let the chart finish its transition
        page.screenshot(path=str(target), full_page=False)
    return target


if __name__ == "__main__":
    for path in [*figures_to_files(), app_screenshot()]:
        print(path, f"{path.stat().st_size // 1024} KiB")
