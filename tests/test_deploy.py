"""deploy/: the Zero to JupyterHub config validates against the jupyterhub Helm chart's values
schema (a copy in tests/data/, see its header for the chart commit), and says what the guides say.

Helm validates the user's config merged with the chart's own defaults, which fill every
``required`` key; this test has the config alone, so it checks the schema without its ``required``
lists: every key the config names must exist there (``additionalProperties: false``) and every
value must have the right type.
"""

from __future__ import annotations

import copy
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml

from teach.classroom import START_NOTEBOOK, nbgitpuller_default_url
from tests.conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "z2jh-values.schema.yaml"
CONFIG = ROOT / "deploy" / "z2jh" / "config.yaml"


def _without_required(node):
    """The schema as Helm applies it to a config merged with the chart's defaults."""
    if isinstance(node, dict):
        return {key: _without_required(value) for key, value in node.items() if key != "required"}
    if isinstance(node, list):
        return [_without_required(value) for value in node]
    return node


@pytest.fixture(scope="module")
def validator():
    schema = _without_required(yaml.safe_load(SCHEMA.read_text(encoding="utf-8")))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_config_validates_against_the_chart_schema(validator, config):
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(config)]
    assert not errors, errors


@pytest.mark.parametrize(("where", "value"), [
    (("singleuser", "memmory"), {"limit": "2G"}),       # a misspelt key
    (("cull", "enabled"), "yes"),                        # a string where the chart wants a boolean
    (("singleuser", "cpu", "limit"), "one"),             # a word where it wants a number
    (("singleuser", "image"), {"name": "x", "tag": "y", "pullpolicy": "Always"}),  # key in the wrong case
    (("hub", "config", "JupyterHub"), "implicit_spawn_seconds=1"),  # a string where a mapping goes
])
def test_a_broken_config_is_rejected(validator, config, where, value):
    broken = copy.deepcopy(config)
    node = broken
    for key in where[:-1]:
        node = node.setdefault(key, {})
    node[where[-1]] = value
    assert list(validator.iter_errors(broken)), f"{'.'.join(where)} = {value!r} was accepted"


def test_image_memory_cpu_culler_and_default_url(config):
    single = config["singleuser"]
    assert single["image"]["name"] and single["image"]["tag"]
    assert _bytes(single["memory"]["guarantee"]) < _bytes(single["memory"]["limit"])
    assert 0 < single["cpu"]["guarantee"] < single["cpu"]["limit"]
    assert config["cull"]["enabled"] is True and config["cull"]["timeout"] >= 1800
    url = single["defaultUrl"]
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert url == nbgitpuller_default_url(query["repo"], query["branch"])
    assert query["urlpath"].endswith(START_NOTEBOOK)


def _bytes(value) -> float:
    units = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    text = str(value)
    for unit in sorted(units, key=len, reverse=True):
        if text.endswith(unit):
            return float(text.removesuffix(unit)) * units[unit]
    return float(text)
