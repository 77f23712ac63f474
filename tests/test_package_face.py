"""The package face: ``import bargainlab`` is light; every public name loads on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import bargainlab

#: Heavy or optional packages that ``import bargainlab`` must not import.
HEAVY = ("scipy.stats", "matplotlib", "pandas", "streamlit", "dask", "plotly", "bargainlab.models.bilateral_trade")


def _modules_after(code: str) -> set[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(json.loads(output))


def test_import_bargainlab_imports_no_heavy_package():
    loaded = _modules_after("import bargainlab")
    assert "bargainlab" in loaded
    assert not {name for name in loaded for heavy in HEAVY if name == heavy or name.startswith(heavy + ".")}
    assert "bargainlab.models" not in loaded and "bargainlab.core.environment" not in loaded


def test_one_model_does_not_load_the_others():
    loaded = _modules_after("import bargainlab as bl\nbl.two_sided_environment([0, 1], [0, 1], 0.5, 0.5, 0.5)")
    assert "bargainlab.core.environment" in loaded
    assert "bargainlab.models.bilateral_trade" not in loaded and "scipy.stats" not in loaded


@pytest.mark.parametrize("name", bargainlab.__all__)
def test_every_public_name_resolves_and_is_listed(name):
    assert getattr(bargainlab, name) is not None
    assert name in dir(bargainlab)


def test_the_version_comes_from_one_place():
    from bargainlab._version import __version__

    assert bargainlab.__version__ == __version__


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="has no attribute 'beta'"):
        bargainlab.beta  # noqa: B018
    assert bargainlab.core.sweep.read_table is not None  # subpackages are reachable as attributes


def test_model_modules_load_on_first_use():
    loaded = _modules_after("import bargainlab.models as m\nm.one_sided\nprint(sorted(dir(m)), file=sys.stderr)")
    assert "bargainlab.models.one_sided" in loaded and "bargainlab.models.bilateral_trade" not in loaded
    import bargainlab.models as models

    assert {"two_sided", "one_sided", "bilateral_trade", "sequential"} <= set(dir(models))
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        models.nonexistent  # noqa: B018
