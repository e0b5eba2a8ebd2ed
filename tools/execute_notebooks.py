"""Re-execute lesson notebooks in order, store their outputs, and drop widget state.

Usage: python tools/execute_notebooks.py [notebooks/01_....ipynb ...] (default: all of them).
Each notebook runs in a fresh kernel in notebooks/, exactly as a learner's "Restart and
run all" would; the result is written atomically so an interrupted run leaves no half file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    # The lessons record predictions and answers in the learner's progress file; a run that stores
    # outputs must not leave one in the maintainer's home, so it writes to a throw-away file.
    os.environ["TEACH_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    runner = ExecutePreprocessor(timeout=600, kernel_name="python3", store_widget_state=False)
    runner.preprocess(notebook, {"metadata": {"path": str(path.parent)}})
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".ipynb")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        nbformat.write(notebook, stream)
    os.replace(temporary, path)
    print(f"executed {path.relative_to(NOTEBOOKS.parent)}")


def main(paths: list[str]) -> None:
    targets = [Path(p).resolve() for p in paths] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in targets:
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
