"""Running the course for a class: links that open the lessons on a JupyterHub.

:func:`nbgitpuller_link` builds the link that nbgitpuller documents,
``https://HUB/hub/user-redirect/git-pull?repo=<repo>&branch=<branch>&urlpath=<path>``
(every value URL-encoded), which clones or updates this repository in each learner's home
directory on the hub and then opens the start notebook. Learners' own edits win any merge, so
clicking the link again is safe. A repository address ending in ``.git`` gets ``targetpath`` too, so
the course lands in a folder named like the repository and the link opens it.

Links for learners need https addresses; ``allow_local=True`` also accepts a hub on 127.0.0.1 and
a ``file://`` repository, for testing a hub on one machine (tests/test_hub_classroom.py).

>>> nbgitpuller_link("https://hub.example.org", "https://github.com/OWNER/kratom-course")
'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fkratom-course&branch=main&urlpath=lab%2Ftree%2Fkratom-course%2Fnotebooks%2F00_start_here.ipynb'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import SplitResult, quote, urlencode, urlsplit

from teach.validation import check_flag

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
INTERFACES = {"lab": "lab/tree", "notebook": "tree", "voila": "voila/render"}
_BRANCH = re.compile(r"^(?!/)(?!.*(?:\.\.|//|@\{))[A-Za-z0-9._/-]+(?<![/.])$")


def _local_hub(parts: SplitResult) -> bool:
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS


def _local_repo(parts: SplitResult) -> bool:
    return parts.scheme == "file" and not parts.netloc and parts.path.startswith("/")


def _address(value: str, name: str, example: str, local: str, is_local: Callable[[SplitResult], bool],
             allow_local: bool) -> tuple[str, str, str]:
    """Check ``value`` is an https URL with a host and no query, fragment or credentials, or (only
    with ``allow_local``) an address that ``is_local`` accepts, described as ``local``; return
    (scheme, base, path)."""
    expected = f"{name} must be an https URL such as {example}"
    if allow_local:
        expected += f" or {local}"
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{expected}; got {value!r}")
    parts = urlsplit(value.strip())
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{name} must not contain a query, fragment or credentials; got {value!r}")
    if parts.scheme == "https" and parts.hostname:
        return parts.scheme, f"https://{parts.netloc}", parts.path.rstrip("/")
    if is_local(parts) and allow_local:
        return parts.scheme, f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/")
    if is_local(parts):
        expected += f" ({local} only with allow_local=True, for testing)"
    raise ValueError(f"{expected}; got {value!r}")


def nbgitpuller_link(hub_url: str, repo_url: str, branch: str = "main", path: str = START_NOTEBOOK,
                     interface: str = "lab", *, allow_local: bool = False) -> str:
    """The nbgitpuller link that pulls ``repo_url`` at ``branch`` onto the hub and opens ``path``.

    Parameters
    ----------
    hub_url : str
        The hub's https address, e.g. ``https://hub.example.org`` (a path prefix such as
        ``https://example.org/jupyter`` is kept; a trailing ``/hub`` is dropped).
    repo_url : str
        The https address of the course repository, e.g. ``https://github.com/OWNER/REPOSITORY``.
    branch : str
        The branch to pull (a valid git branch name).
    path : str
        The file to open, relative to the repository's root.
    interface : str
        ``"lab"`` (JupyterLab), ``"notebook"`` (classic interface) or ``"voila"`` (the apps without code;
        needs voila on the hub).
    allow_local : bool
        For testing only: also accept a hub on this machine (``http://127.0.0.1:PORT``,
        ``http://localhost:PORT``) and a repository on its disk (``file:///path/to/repo.git``).
        Links for learners keep the default, ``False``.

    Raises
    ------
    ValueError
        If an address is not https (or, with ``allow_local``, local), the branch is not a valid git
        branch name, the path is absolute or climbs out of the repository, or the interface is unknown.
    """
    allow_local = check_flag(allow_local, "allow_local")
    _, hub_base, hub_path = _address(hub_url, "hub_url", "https://hub.example.org", "a local http://127.0.0.1 hub",
                                     _local_hub, allow_local)
    hub_path = hub_path.removesuffix("/hub")
    pull = nbgitpuller_default_url(repo_url, branch, path, interface, allow_local=allow_local)
    return f"{hub_base}{hub_path}/hub/user-redirect{pull}"


def nbgitpuller_default_url(repo_url: str, branch: str = "main", path: str = START_NOTEBOOK, interface: str = "lab",
                            *, allow_local: bool = False) -> str:
    """The same pull as :func:`nbgitpuller_link`, as an address on the learner's own server
    (``/git-pull?repo=...``): the hub's default URL, so that every server pulls the course and opens
    ``path`` when it starts (Zero to JupyterHub's ``singleuser.defaultUrl``, ``Spawner.default_url``).

    >>> nbgitpuller_default_url("https://github.com/OWNER/kratom-course")
    '/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fkratom-course&branch=main&urlpath=lab%2Ftree%2Fkratom-course%2Fnotebooks%2F00_start_here.ipynb'

    Parameters and errors as for :func:`nbgitpuller_link`.
    """
    allow_local = check_flag(allow_local, "allow_local")
    _, repo_base, repo_path = _address(repo_url, "repo_url", "https://github.com/OWNER/REPO",
                                       "a file:// repository", _local_repo, allow_local)
    folder = repo_path.rsplit("/", 1)[-1]
    repo_name = folder.removesuffix(".git")
    if not repo_name:
        raise ValueError(f"repo_url must name a repository, such as https://github.com/OWNER/REPO; got {repo_url!r}")
    if not isinstance(branch, str) or not _BRANCH.match(branch):
        raise ValueError(f"branch must be a git branch name such as 'main'; got {branch!r}")
    if (not isinstance(path, str) or not path or path.startswith("/") or "\\" in path
            or ".." in path.split("/")):
        raise ValueError(f"path must be relative to the repository, such as {START_NOTEBOOK!r}; got {path!r}")
    if not isinstance(interface, str) or interface not in INTERFACES:
        raise ValueError(f"interface must be one of {', '.join(INTERFACES)}; got {interface!r}")
    values = {"repo": f"{repo_base}{repo_path}", "branch": branch,
              "urlpath": f"{INTERFACES[interface]}/{repo_name}/{path}"}
    if folder != repo_name:  # nbgitpuller would clone into "NAME.git" and the urlpath would miss it
        values["targetpath"] = repo_name
    return f"/git-pull?{urlencode(values, quote_via=quote, safe='')}"
