"""Shared test configuration: hypothesis profiles.

The default profile is derandomised so that CI is reproducible; run with
``HYPOTHESIS_PROFILE=explore`` to search new random examples locally.
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("explore", parent=settings.get_profile("default"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _restore_main_module():
    """Streamlit's ``AppTest`` leaves ``sys.modules['__main__']`` pointing at its temporary script;
    worker processes started later (forkserver/spawn) would re-run that script as their main
    module and die. Restore the real main module after every test."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
