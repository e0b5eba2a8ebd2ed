"""Fuzz every public callable in ``teach`` with the reliability probe's bad values.

The callables are found by introspection (every public function and class defined in a module
of the package, plus the ``update`` method of every figure class), so a new one is covered
automatically; one whose required argument has no example below fails
``test_every_public_callable_is_covered`` until an example is added.

For each callable and each of its parameters, the parameter is replaced by each bad value while
the others keep valid examples. The call must either return a result with no NaN or infinity
in it, or raise a ValueError or TypeError (or, from a widget builder, ipywidgets' TraitError)
whose message names the parameter; and it must take under a second (app builders, which make a
figure and widgets, and the three-cohort ``estimates_by_size``: under SLOW_LIMIT_S). Plain
record dataclasses (no ``__post_init__``: results the models build, not inputs) are not
constructors to fuzz and are listed apart.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import re
import signal
import time
import typing
from functools import cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets import TraitError

import teach
import teach.careplan.voices
import teach.claims.app
import teach.receptors.app
import teach.serverext
from teach import progress
from teach.capstone import model as capstone
from teach.careplan import model as careplan
from teach.causal import model as causal
from teach.data import schemas
from teach.exercises import registry
from teach.receptors import model as receptors
from teach.ui import controls, predict
from teach.ui.livefigure import LiveFigure
from teach.validation import Bounds

TIME_LIMIT_S = 1.0
BAD_VALUES = [
    10**400, 5e-324, -5e-324, 1e308, -1e308, math.nan, math.inf, -math.inf, -0.0, 0, -1, 1e-300, 2**63,
    "1", "", "no", "x" * 300, True, False, np.True_, None, [], [1.0], ["1", "2"], [True, False], [[1.0]],
    np.array([1, 2]), np.array(1.5), np.float64("nan"), {}, {"a": 1}, set(), object(),
]


def _figure_and_axes():
    fig, ax = plt.subplots()
    plt.close(fig)
    return ax


# Valid examples for required parameters, by parameter name (a callable makes a fresh one).
EXAMPLES: dict[str, object] = {
    "age_years": 50.0, "albumin_g_dL": 4.0, "alcohol_g_week": 100.0, "alp_U_L": 200.0, "alp_uln_U_L": 120.0,
    "alp_xuln": 1.5, "alt_U_L": 80.0, "alt_uln_U_L": 40.0, "alt_xuln": 2.0, "ast_U_L": 60.0, "ast_uln_U_L": 40.0,
    "antagonist_over_kb": 3.0, "bilirubin": 1.5, "bilirubin_mg_dL_value": 1.5, "bilirubin_uln": 1.2,
    "bilirubin_unit": "mg/dL", "bilirubin_xuln": 1.2, "bmi_kg_m2": 27.0, "clearance_L_per_h": 233.0,
    "competitor_kd_nM": 2.0, "competitor_nM": 1.0, "compounds": ("morphine", "mitragynine"), "conc_a_nM": 1.0,
    "conc_b_nM": 5.0, "conc_nM": 10.0, "content_percent": 1.0, "criteria_met": True, "cyp3a_activity": 1.0,
    "daily_leaf_g": 2.0, "days": 30.0, "diabetes": True, "dose_mg": 39.0, "dose_nmol": 1e5, "dose_over_km": 1.0,
    "exposure_ratio": 0.25, "full_tau": 30.0, "group1_ruled_out": 7, "group2_ruled_out": True, "half_life_h": 24.0,
    "ic50_nM": 30.0, "ifg_or_diabetes": False, "inhibitor_over_ki": 1.0, "interval_h": 24.0, "ka_a_nM": 100.0,
    "ka_b_nM": 100.0, "ka_nM": 100.0, "ka_per_h": 2.0, "kd_nM": 5.0, "ke_per_h": 0.03, "km_per_h": 0.12,
    "leaf_g": 2.0, "learner_rating": 3.0, "evidence_rating": 2.0, "molar_mass_g_per_mol": 398.5,
    "n_criteria": 2, "partial_nM": 300.0, "partial_tau": 1.0, "platelets_1e9_L": 200.0, "pregnancy": False,
    "r": 3.0, "radioligand_kd_nM": 1.0, "radioligand_nM": 1.0, "rating": 3.0, "reference_tau": 30.0,
    "reserve": 0.5, "steatosis": True, "stop_day": 14.0, "study": "tanna2022", "tau": 3.0, "tau_a": 30.0,
    "tau_arrestin": 0.1, "tau_b": 1.0, "tau_g": 3.0, "time_h": [0.0, 1.0, 2.0], "tmax_h": 1.0, "total": 5,
    "uln_U_L": 40.0, "v_over_f_L": 12700.0, "value_U_L": 80.0, "sex": "male", "score": "FIB-4", "value": 1.0,
    "scale": "hepatocellular", "pattern": "hepatocellular", "timing": "from start",
    "course": "not reported, or drug continued", "alcohol": "not reported", "concomitant": "none, or not reported",
    "previous_hepatotoxicity": "reaction labelled in the product characteristics",
    "reexposure": "not done, not reported, or other",
    "alternative_highly_probable": False, "name": "livertox_6972", "modality": "sleep", "claim_id": "not_addictive",
    "level": "animal", "key": "obeng2021", "check_id": "01-occupancy-at-ki", "parent": "pain", "child": "kratom",
    "hub_url": "https://hub.example.org", "repo_url": "https://github.com/owner/repo", "adjust_for": ("pain",),
    "plan": careplan.CarePlan, "path": None, "ax": _figure_and_axes, "title": "A title", "xlim": (0.0, 10.0),
    "description": "a control", "low": 0.0, "high": 10.0, "step": 0.5, "low_exp": -1.0, "high_exp": 2.0,
    "options": ("a", "b"), "index": 0, "affinities": lambda: receptors.affinities(),
    # lessons' exercises, persona, capstone, progress, prediction gates, fallbacks, tables
    "met": False, "band": "low risk", "chosen": lambda: tuple(careplan.red_flags()), "brief": lambda: capstone.Brief(),
    "option": "physical_therapy", "nodes": ("kratom", "pain", "masld"), "cohort": lambda: _cohort(),
    "graph": lambda: causal.causal_graph(2.0), "hypertension": False, "dyslipidaemia": False,
    "exercise_id": "01-occupancy", "target": 1.0, "phase": "pre", "markdown": "Sam's *question*", "lesson": "01",
    "record": lambda: progress.empty_record(), "item_id": "inventory-01", "n_options": 4, "learner_id": "0" * 32,
    "text": "12.5", "unit": "%", "labels": ("a label", "a longer label"), "control": lambda: controls.tick("Show"),
    "controls": lambda: [controls.tick("Show"), controls.tick("Hide")], "bundle": lambda: {"text/plain": "App"},
    "html_text": "<p>App</p>", "plain_text": "App", "png": b"\x89PNG\r\n", "settings": ["Dose: 1 g"],
    "readout": ["Occupancy: 50 %"], "question": "What happens?", "spec": lambda: _number_spec(),
    "answer": 2.0, "lines": ["Agonist EC50: 3-fold"], "prefixes": ["Agonist EC50:"],
    "app": lambda: teach.receptors.app.antagonism_app(), "frame": lambda: pd.DataFrame({"a": [1.0, 2.0]}),
    "columns": {"a": "A (nM)"}, "rgba": lambda: np.full((4, 6, 4), 255, dtype=np.uint8),
    "figure": lambda: matplotlib.figure.Figure(),
}
# Examples that depend on the callable.
SPECIAL = {
    ("medicine", "name"): "midazolam", ("Medicine", "name"): "midazolam", ("load_table", "name"): "claims",
    ("parameter", "name"): "agonist_KA_nM", ("dropdown", "value"): "a", ("slider", "value"): 1.0,
    ("log_slider", "value"): 1.0, ("fibrosis_band", "value"): 1.5, ("self_check", "check_id"): "01-occupancy-at-ki",
    ("toggles", "value"): "a", ("fraction_reading", "value"): 0.5, ("fraction_reading", "text"): "0.5",
    ("heading", "text"): "Doses", ("read_prediction", "text"): "2",
    ("validate_spec", "key"): "receptors.antagonism_app",
    ("track_claim_ratings", "app"): lambda: teach.claims.app.rating_app(),
    ("Quotations", "items"): lambda: teach.careplan.voices.voices("06"),
    ("with_nodelay", "connection_class"): lambda: teach.serverext.ZMQChannelsWebsocketConnection,
    ("mark", "canvas"): lambda: plt.figure().canvas,
}
# Callables whose required arguments are whole objects made from other examples.
BUILDERS = {
    "select": lambda: {"cohort": _cohort()},
    "crude_estimates": lambda: {"data": _cohort().data},
    "mantel_haenszel": lambda: {"data": _cohort().data},
    "adjusted_logit": lambda: {"data": _cohort().data},
    "plan_from_data": lambda: {"data": careplan.CarePlan().to_dict()},
    "save_plan": lambda: {"plan": careplan.CarePlan(), "path": _tmp_file()},
    "load_plan": lambda: {"path": careplan.save_plan(careplan.CarePlan(), _tmp_file())},
    "check_quantity": lambda: {"value": 1.0, "name": "x_nM", "unit": "nM", "bounds": Bounds(0.0, 10.0)},
    "check_count": lambda: {"value": 1, "name": "n_people", "unit": "people", "bounds": Bounds(0, 10)},
    "check_choice": lambda: {"value": "a", "name": "letter", "choices": ("a", "b")},
    "parse_table": lambda: {"filename": "t.csv", "content": "a,citation\nx,obeng2021\n",
                            "schema": schemas.Schema((schemas.text("a"), schemas.citation()), ("a",)),
                            "citation_keys": {"obeng2021"}},
    "SelfCheck": lambda: {"check_id": "x", "spec": teach.data.self_checks()["01-occupancy-at-ki"]},
    "ScoreStrip": lambda: {"figure": LiveFigure(), "ax": _figure_and_axes(), "title": "FIB-4", "xlim": (0.0, 5.0)},
    "LessonApp": lambda: _lesson_app_arguments(),
    "register": lambda: {"exercise": dataclasses.replace(registry.exercise("01-occupancy"), exercise_id="fuzz-1")},
    "NoCodeExercise": lambda: {"exercise_id": "01-occupancy", "spec": registry.exercise("01-occupancy").no_code},
    "PredictionGate": lambda: {"app": teach.receptors.app.antagonism_app(), "key": "receptors.antagonism_app",
                               "spec": _number_spec()},
}
BUILDERS.update({
    "check_flag": lambda: {"value": True, "name": "reveal"},
    "check_choices": lambda: {"values": ("a",), "name": "letters", "choices": ("a", "b")},
    "check_instance": lambda: {"value": 1.0, "name": "state", "kind": float},
    "check_state_argument": lambda: {"func": teach.receptors.app.describe_binding},
})
# Not fuzzed: exception classes, the abstract base figure, and the declarative helpers of
# teach.data.schemas, which only build Column records for the schema table (parse_table is fuzzed).
EXCLUDED = {"LiveFigure", "text", "number", "integer", "flag", "choice", "citation"}
# The validation helpers name the caller's parameter: their ``name`` argument.
NAMED_BY_ARGUMENT = {"check_quantity", "check_count", "check_choice", "check_choices", "check_flag", "check_instance"}
PASS_THROUGH = {"check_instance"}  # returns its argument unchanged: a NaN in is a NaN out
SLOW_LIMIT_S = 3.0  # building an app makes a matplotlib figure and widgets: allowed up to 3 s


def _number_spec():
    """A number prediction question (a fresh copy: the callables must not change the stored one)."""
    return dict(predict.prediction_specs()["receptors.antagonism_app"])


@cache
def _cohort():
    return causal.simulate_cohort(2000, 0)


def _tmp_file():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="teach-fuzz-")) / "plan.json"


def _lesson_app_arguments():
    from teach.receptors import app as receptor_app

    app = receptor_app.antagonism_app()
    return {"title": "t", "controls": dict(app.controls), "figure": app.figure, "compute": app._compute,
            "describe": app._describe}


def _is_record(obj) -> bool:
    return dataclasses.is_dataclass(obj) and "__post_init__" not in vars(obj)


def _discover():
    found, records = {}, []
    for info in pkgutil.walk_packages(teach.__path__, "teach."):
        module = importlib.import_module(info.name)
        for attr, obj in vars(module).items():
            if attr.startswith("_") or getattr(obj, "__module__", None) != info.name or attr in EXCLUDED:
                continue
            cached = inspect.isfunction(getattr(obj, "__wrapped__", None))
            if not (inspect.isfunction(obj) or inspect.isclass(obj) or cached):
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue  # exception classes are raised, not called with learner input
            if _is_record(obj):
                records.append(f"{info.name}.{attr}")
            elif inspect.isclass(obj) and issubclass(obj, LiveFigure):
                found[f"{info.name}.{attr}.update"] = (obj, "update")
            else:
                found[f"{info.name}.{attr}"] = (obj, None)
    return found, records


CALLABLES, RECORDS = _discover()


def _example(owner: str, name: str):
    value = SPECIAL[(owner, name)] if (owner, name) in SPECIAL else EXAMPLES[name]
    return value() if callable(value) else value


@cache
def _state_for(cls):
    """A real state of class ``cls``: the result of the first teach function annotated to return it."""
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()  # EfficacyState -> efficacy_state
    for target, method in CALLABLES.values():
        if method is None and inspect.isfunction(target) and not target.__name__.startswith("describe"):
            try:
                if typing.get_type_hints(target).get("return") is cls or (
                        target.__name__ == snake and target.__module__ == cls.__module__):
                    return target(**_arguments(target, target.__name__))
            except (NameError, KeyError, TypeError):
                continue
    raise LookupError(f"no teach function returns a {cls.__name__}")


def _arguments(func, owner: str) -> dict:
    """Valid keyword arguments for every required parameter of ``func``."""
    if owner in BUILDERS:
        return BUILDERS[owner]()
    hints = typing.get_type_hints(func)
    kwargs = {}
    for name, param in inspect.signature(func).parameters.items():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL) or param.default is not inspect.Parameter.empty:
            continue
        if name == "state":
            kwargs[name] = _state_for(hints[name])
        else:
            kwargs[name] = _example(owner, name)
    return kwargs


def _target(key: str):
    """``(callable, owner name, parameters)`` for one discovered entry; figures are built here."""
    obj, method = CALLABLES[key]
    if method == "update":
        figure = obj(**_arguments(obj, obj.__name__))
        state = _state_for(_update_state_class(obj))
        return figure.update, obj.__name__, {"state": state}
    params = _arguments(obj, obj.__name__)
    defaults = {name: p.default for name, p in inspect.signature(obj).parameters.items()
                if p.default is not inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD}
    return obj, obj.__name__, {**defaults, **params}


def _update_state_class(figure_class):
    """The state class a figure draws: the one its app's describe function takes."""
    module = importlib.import_module(figure_class.__module__.replace(".figures", ".app"))
    for _name, func in inspect.getmembers(module, inspect.isfunction):
        if func.__name__.startswith("describe_"):
            if _figure_state_matches(module, figure_class, func):
                return typing.get_type_hints(func)["state"]
    raise LookupError(f"no describe_* function in {module.__name__} for {figure_class.__name__}")


def _figure_state_matches(module, figure_class, describe) -> bool:
    """Whether the app factory that builds ``figure_class`` also uses ``describe``."""
    for _name, factory in inspect.getmembers(module, inspect.isfunction):
        source = inspect.getsource(factory)
        if f"{figure_class.__name__}(" in source and describe.__name__ in source:
            return True
    return False


def _non_finite(value, depth=0) -> bool:
    """Whether a result holds NaN or infinity anywhere (numbers, arrays, containers, dataclasses)."""
    if depth > 6 or isinstance(value, str | bytes | bool | pd.DataFrame | pd.Series):
        return False
    if isinstance(value, float | np.floating):
        return not math.isfinite(value)
    if isinstance(value, np.ndarray):
        return value.dtype.kind == "f" and not np.all(np.isfinite(value))
    if isinstance(value, dict):
        return any(_non_finite(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_non_finite(v, depth + 1) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_non_finite(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value))
    return False


class _Hang(BaseException):
    """Raised by the alarm when one call runs far past the time limit."""


def _alarm(_signum, _frame):
    raise _Hang


def _call(func, kwargs, name: str, bad, *, names=(), limit: float = TIME_LIMIT_S) -> str | None:
    """Run one call; return a description of a violation, or None. A ValueError or TypeError must
    name ``name`` (or one of ``names``, the words a learner sees for it)."""
    # CPU time of this process, not wall time: on a shared machine other programs' load must not
    # count against a call (and a hang is still caught: the profiling timer counts CPU seconds).
    start = time.process_time()
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, 5 * TIME_LIMIT_S)
    try:
        result = func(**kwargs)
    except _Hang:
        return f"still running after {5 * TIME_LIMIT_S:g} s of CPU time (stopped)"
    except (ValueError, TypeError, TraitError) as err:  # ipywidgets' TraitError names the trait it refuses
        message = str(err)
        if not any(word in message for word in (name, *names)):
            return f"{type(err).__name__} does not name {name!r}: {message[:200]}"
        return _slow(start, limit)
    except Exception as err:  # any other exception is the finding
        return f"{type(err).__name__}: {str(err)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        plt.close("all")
    if _non_finite(result) and not (inspect.isfunction(func) and func.__name__ in PASS_THROUGH):
        return f"NaN or infinity in the result for {bad!r:.60}"
    return _slow(start, limit)


def _slow(start: float, limit: float) -> str | None:
    elapsed = time.process_time() - start
    return f"took {elapsed:.2f} s of CPU time" if elapsed > limit else None


def _is_app(owner: str) -> bool:
    """Widget builders (a figure and controls) and the one model that simulates three cohorts of up
    to 200,000 people may take up to SLOW_LIMIT_S."""
    return owner.endswith("_app") or owner.endswith("App") or owner == "estimates_by_size"


@cache
def _control_labels(owner: str, factory) -> dict[str, str]:
    """For an app factory: the label of the control each parameter sets (when one has its name)."""
    if not owner.endswith("_app"):
        return {}
    app = factory()
    return {key: repr(control.description) for key, control in app.controls.items()
            if getattr(control, "description", "")}


def _names_for(owner: str, func, params: dict, name: str) -> tuple[str, ...]:
    """Other words an error about ``name`` may use: the validation helper's ``name`` argument,
    or the label of the app control the parameter sets."""
    if owner in NAMED_BY_ARGUMENT:
        return (str(params["name"]),)
    if owner == "parse_table" and name in ("content", "citation_keys"):  # named by file, line and column
        return (str(params["filename"]),)
    label = _control_labels(owner, func).get(name)
    return (label,) if label else ()


def _fuzz_parameters(func, owner: str, params: dict) -> list[str]:
    return [name for name, param in inspect.signature(func).parameters.items()
            if param.kind not in (param.VAR_KEYWORD, param.VAR_POSITIONAL) and name in params]


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path, monkeypatch):
    """Fuzzed file paths such as "1" or "no" are written here, never into the project; so is the
    progress file that exercises, predictions and the inventory record to."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "progress.json"))


def test_every_public_callable_is_covered():
    """Every discovered callable gets valid arguments (so its parameters can be fuzzed one by one)."""
    missing = []
    for key in CALLABLES:
        try:
            _target(key)
        except (KeyError, LookupError) as err:
            missing.append(f"{key}: no example for {err}")
    assert not missing, "\n".join(missing)
    assert len(CALLABLES) >= 150, len(CALLABLES)
    print(f"\nfuzzed public callables: {len(CALLABLES)}; plain records not fuzzed: {len(RECORDS)}")


@pytest.mark.parametrize("key", sorted(CALLABLES))
def test_bad_values_give_a_clear_error_or_a_finite_result(key):
    func, owner, params = _target(key)
    problems = []
    for name in _fuzz_parameters(func, owner, params):
        for bad in BAD_VALUES:
            func, owner, params = _target(key) if key.endswith(".update") else (func, owner, params)
            problem = _call(func, {**params, name: bad}, name, bad, names=_names_for(owner, func, params, name),
                            limit=SLOW_LIMIT_S if _is_app(owner) else TIME_LIMIT_S)
            if problem:
                problems.append(f"{name}={bad!r:.40}: {problem}")
    assert not problems, f"{key}:\n" + "\n".join(problems[:20])


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(min_value=-1e-300, max_value=1e-300), st.text(max_size=5), st.none(), st.booleans(),
    st.lists(st.floats(), max_size=3), st.builds(np.array, st.lists(st.floats(allow_nan=False), max_size=3)),
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(key=st.sampled_from(sorted(k for k in CALLABLES if not k.endswith("_app") and "App" not in k)),
       data=st.data())
def test_hypothesis_any_value_in_any_parameter(key, data):
    func, owner, params = _target(key)
    names = _fuzz_parameters(func, owner, params)
    if not names:
        return
    name = data.draw(st.sampled_from(names))
    bad = data.draw(NUMBERS)
    problem = _call(func, {**params, name: bad}, name, bad, names=_names_for(owner, func, params, name))
    assert problem is None, f"{key}({name}={bad!r:.60}): {problem}"
