"""The README says what is true: its lesson table is current and everything it names exists."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_lesson_table_is_generated_from_the_notebooks():
    result = subprocess.run([sys.executable, "tools/update_readme.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "README lesson table is stale: run python tools/update_readme.py"


def test_every_path_the_readme_names_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\(((?!https?:)[^)#]+)\)", text)
    quoted = re.findall(r"`((?:notebooks|src|tests|benchmarks|binder|instructors|tools|\.ci)/[^`\s]*)`", text)
    quoted += re.findall(r"`([\w.-]+\.(?:txt|md|py|toml))`", text)
    names = set(linked + quoted)
    assert names, "found no paths in the README"
    missing = sorted(name for name in names if not (ROOT / name).exists())
    assert not missing, f"README names missing files: {missing}"


def test_every_command_the_readme_names_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = set(re.findall(r"python3 course\.py (\w+)", text))
    assert {"lab", "test"} <= commands
    help_text = subprocess.run(
        [sys.executable, "course.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert all(command in help_text for command in commands)
