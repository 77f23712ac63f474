"""Benchmark: what it costs to redraw the app's 101×101 gap map when one input changes.

Measured in one run, on the tutorial's point (values (0.1, 0.6) vs (0.5, 1), β = 0.5):

* the naive way to get the map: a fresh ``scipy.optimize.linprog`` per belief point (on a
  sample of points, scaled to the grid unless ``--full-naive``);
* the warm-started LP over the whole grid (one reused HiGHS model, ``gap_on_priors(method="lp")``);
* the map data by the closed form (``belief_map``), uncached;
* the app's cached map: a cache hit (``st.cache_data``) plus moving the marker;
* building the interactive chart and serialising it (what is sent to the browser);
* the whole page script rerun in Streamlit's AppTest after changing β (map recomputed) and after
  changing a prior (map from the cache), median of several reruns (AppTest adds its own polling);
* the matplotlib figure and its PNG (made only when a download is clicked).

Run:  python benchmarks/app_redraw.py [--grid 101] [--repeat 5] [--naive-sample 1000 | --full-naive]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
from gap_grid import naive_linprog_gaps

from bargainlab.core.environment import two_sided_environment
from bargainlab.models.two_sided import curves as data
from bargainlab.models.two_sided.maps import gap_on_priors, prior_grid
from bargainlab.viz import two_sided as figures
from bargainlab.viz import two_sided_interactive as charts

LINK = {"values1": "0.1, 0.6", "values2": "0.5, 1", "prior1": "0.1", "prior2": "0.9", "view": "Gap map"}


def best_of(function, repeat: int) -> tuple[object, float]:
    """Result and the smallest wall time of ``repeat`` calls (the least disturbed by other load)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return result, min(times)


def page_reruns(grid: int, repeat: int) -> tuple[float, float]:
    """Median seconds of an AppTest rerun after a β change (new map) and after a prior change (cached map)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("from bargainlab.app.pages import two_sided; two_sided.render()", default_timeout=120)
    for key, value in {**LINK, "grid": str(grid)}.items():
        at.query_params[key] = value
    at.run()
    new_map, cached_map = [], []
    for k in range(repeat):
        at.sidebar.number_input(key="beta").set_value(0.3 + 0.01 * k)
        start = time.perf_counter()
        at.run()
        new_map.append(time.perf_counter() - start)
        at.sidebar.text_input(key="prior1").set_value(f"{0.2 + 0.01 * k:g}")
        start = time.perf_counter()
        at.run()
        cached_map.append(time.perf_counter() - start)
        assert not at.exception
    return statistics.median(new_map), statistics.median(cached_map)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", type=int, default=101, help="points per axis (default 101)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of each fast measurement (default 5)")
    parser.add_argument("--naive-sample", type=int, default=1000, help="points solved by the naive loop (default 1000)")
    parser.add_argument("--full-naive", action="store_true", help="solve every grid point by the naive loop")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from bargainlab.app.pages import two_sided as page

    n = args.grid
    env = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.1, 0.9, 0.5)
    axis = np.linspace(0.0, 1.0, n)
    p1, p2 = np.meshgrid(axis, axis, indexing="ij")
    P1, P2 = prior_grid(p1.ravel()), prior_grid(p2.ravel())
    points = len(P1)

    sample = np.arange(points) if args.full_naive else np.linspace(0, points - 1, min(args.naive_sample, points))
    sample = sample.astype(int)
    naive, t_sample = best_of(lambda: naive_linprog_gaps(env, P1[sample], P2[sample]), 1)
    t_naive = t_sample * points / len(sample)
    lp, t_lp = best_of(lambda: gap_on_priors(env, P1, P2, "lp"), 1)
    closed, t_closed = best_of(lambda: data.belief_map(env, n), args.repeat)
    page.belief_map(env, n)  # fill the cache
    other = two_sided_environment([0.1, 0.6], [0.5, 1.0], 0.3, 0.8, 0.5)
    cached, t_cached = best_of(lambda: page.belief_map(other, n), args.repeat)
    _, t_chart = best_of(lambda: charts.gap_map_chart(closed).to_json(), args.repeat)
    _, t_figure = best_of(lambda: figures.draw_gap_map(closed).to_bytes(".png"), 1)
    rerun_new, rerun_cached = page_reruns(n, args.repeat)

    uncached_total = t_closed + t_chart
    cached_total = t_cached + t_chart
    print(f"Gap map over a {n}x{n} belief grid ({points} points), values (0.1, 0.6) vs (0.5, 1), β = 0.5")
    print(f"{'step':<62}{'seconds':>10}{'vs naive':>12}")
    rows = [
        (f"naive: fresh linprog per point ({len(sample)} solved, scaled)", t_naive),
        ("warm-started LP, one reused HiGHS model", t_lp),
        ("map data, closed form (uncached)", t_closed),
        ("map data from the app's cache (hit + marker moved)", t_cached),
        ("interactive chart: build + serialise to JSON", t_chart),
        ("redraw data, uncached: map + chart", uncached_total),
        ("redraw data, cached: cache hit + chart", cached_total),
        ("page rerun in AppTest after a β change (new map), median", rerun_new),
        ("page rerun in AppTest after a prior change (cached), median", rerun_cached),
        ("matplotlib figure + PNG (only when downloaded)", t_figure),
    ]
    for name, seconds in rows:
        print(f"{name:<62}{seconds:>10.4f}{t_naive / seconds:>11.0f}x")
    print(f"largest |warm LP - naive LP| on the sample = {np.max(np.abs(lp.gap[sample] - naive)):.2e}")
    print(f"largest |closed form - warm LP|            = {np.max(np.abs(closed.gap.ravel() - lp.gap)):.2e}")
    print(f"cached map equals the uncached one: {bool(np.array_equal(cached.gap, closed.gap))}")


if __name__ == "__main__":
    main()
