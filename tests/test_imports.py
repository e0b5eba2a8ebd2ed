"""What importing a lesson's app module, and asking for an estimate, loads (fresh interpreters; not timed).

``statsmodels.api`` imports statsmodels' datasets, distributions, time series and more: about
0.8 s and 30 MB that no lesson uses. The lesson 03 model imports the statsmodels modules it
fits with, and only when it first fits. benchmarks/import_memory.py times the imports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

APPS = ("receptors", "kinetics", "causal", "liver", "careplan", "claims")
NEVER = {"statsmodels.api", "statsmodels.datasets", "statsmodels.tsa"}


def _loaded(code: str) -> set[str]:
    """The names in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True,
                         timeout=600).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("topic", APPS)
def test_no_app_module_imports_statsmodels_api_or_its_datasets(topic):
    loaded = _loaded(f"import teach.{topic}.app")
    assert f"teach.{topic}.app" in loaded
    assert not NEVER & loaded


def test_the_causal_app_leaves_statsmodels_scipy_stats_and_optimize_to_their_first_use():
    loaded = _loaded("import teach.causal.app")
    assert "teach.causal.model" in loaded
    assert not {name for name in loaded
                if name.split(".")[0] == "statsmodels" or name.startswith(("scipy.stats", "scipy.optimize"))}


def test_estimates_import_only_the_statsmodels_modules_they_fit_with():
    loaded = _loaded("from teach.causal import model\n"
                     "model.estimates_state()\n"  # pooled GLM, StratifiedTable
                     "model.estimates_state(adjust_for=('pain', 'male', 'age'))")  # person-level Logit
    assert {"statsmodels.genmod.generalized_linear_model", "statsmodels.genmod.families",
            "statsmodels.stats.contingency_tables", "statsmodels.discrete.discrete_model"} <= loaded
    assert not NEVER & loaded
