"""Running the course for a class: links that open the lessons on a JupyterHub.

:func:`nbgitpuller_link` builds the link that nbgitpuller documents,
``https://HUB/hub/user-redirect/git-pull?repo=<repo>&branch=<branch>&urlpath=<path>``
(every value URL-encoded), which clones or updates this repository in each learner's home
directory on the hub and then opens the start notebook. Learners' own edits win any merge, so
clicking the link again is safe.

>>> nbgitpuller_link("https://hub.example.org", "https://github.com/OWNER/kratom-course")
'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fkratom-course&branch=main&urlpath=lab%2Ftree%2Fkratom-course%2Fnotebooks%2F00_start_here.ipynb'
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
INTERFACES = {"lab": "lab/tree", "notebook": "tree", "voila": "voila/render"}
_BRANCH = re.compile(r"^(?!/)(?!.*(?:\.\.|//|@\{))[A-Za-z0-9._/-]+(?<![/.])$")


def _https_url(value: str, name: str) -> tuple[str, str]:
    """Check ``value`` is an https URL with a host and no query or fragment; return (base, path)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be an https URL such as https://hub.example.org; got {value!r}")
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(f"{name} must be an https URL such as https://hub.example.org; got {value!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{name} must not contain a query, fragment or credentials; got {value!r}")
    return f"https://{parts.netloc}", parts.path.rstrip("/")


def nbgitpuller_link(hub_url: str, repo_url: str, branch: str = "main", path: str = START_NOTEBOOK,
                     interface: str = "lab") -> str:
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

    Raises
    ------
    ValueError
        If an address is not https, the branch is not a valid git branch name, the path is absolute
        or climbs out of the repository, or the interface is unknown.
    """
    hub_base, hub_path = _https_url(hub_url, "hub_url")
    hub_path = hub_path.removesuffix("/hub")
    repo_base, repo_path = _https_url(repo_url, "repo_url")
    repo_name = repo_path.rsplit("/", 1)[-1].removesuffix(".git")
    if not repo_name:
        raise ValueError(f"repo_url must name a repository, such as https://github.com/OWNER/REPO; got {repo_url!r}")
    if not isinstance(branch, str) or not _BRANCH.match(branch):
        raise ValueError(f"branch must be a git branch name such as 'main'; got {branch!r}")
    if (not isinstance(path, str) or not path or path.startswith("/") or "\\" in path
            or ".." in path.split("/")):
        raise ValueError(f"path must be relative to the repository, such as {START_NOTEBOOK!r}; got {path!r}")
    if not isinstance(interface, str) or interface not in INTERFACES:
        raise ValueError(f"interface must be one of {', '.join(INTERFACES)}; got {interface!r}")
    query = urlencode(
        {"repo": f"{repo_base}{repo_path}", "branch": branch, "urlpath": f"{INTERFACES[interface]}/{repo_name}/{path}"},
        quote_via=quote, safe="",
    )
    return f"{hub_base}{hub_path}/hub/user-redirect/git-pull?{query}"
