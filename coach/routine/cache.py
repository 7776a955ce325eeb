"""The routines as last read, kept privately so that a start with unchanged files parses no YAML.

Reading the routine files costs a start of coach about 20 ms: PyYAML's import
(about 15 ms) and composing and checking each file. The catalog read from them
is kept in `<data dir>/cache/routines.json` and used again while nothing it
depends on has changed. Its key holds
- every routine file's path, size, mtime_ns, ctime_ns, inode, device and mode
  (listed as the catalog lists them, so a file added or removed changes it too),
  each folder's path and whether its routines ship with coach, and the names of
  the files it leaves out (see catalog.LeftOut);
- coach's version and the size and mtime_ns of every module of its own code
  (an edit to a checkout counts), PyYAML's and Python's versions.
No setting changes how routines are read; one that did would go in the key.

A catalog with a failure (a broken file, an unreadable folder) is never kept,
so a file's problems are always found by reading it again; nor is one whose
files changed in the last two seconds, which a same-sized write within the
file system's timestamp granularity could leave unnoticed (git's "racy"
entries). The cache is JSON, which cannot run code, decoded into coach's own
routine classes only, and only read when it is an ordinary file (never
through a link) owned by this user and private (0600 in a 0700 folder); a
damaged, foreign or unexpected cache is ignored and rebuilt. Writing it is
atomic, and any failure to keep it only means the next start reads the files.

This module imports nothing of coach.routine.catalog, which uses it: the catalog
hands it how to list a folder and what a catalog is.
"""

from __future__ import annotations

import dataclasses
import math
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from datetime import time as clock_time
from pathlib import Path, PosixPath
from typing import Any, Protocol, TypeVar

import orjson

from coach import __version__
from coach.formats import ROUTINE_CACHE_VERSION

FORMAT = ROUTINE_CACHE_VERSION
CACHE_DIR = "cache"
CACHE_FILE = "routines.json"
MAX_BYTES = 8 * 1024 * 1024
#: Files changed this recently (in ns) may change again unseen: their catalog is not kept.
RACY_NS = 2_000_000_000
#: Only classes of these packages are made from a cache.
_CLASS_PACKAGES = ("coach.routine.", "coach.practice.")


class RoutineDir(Protocol):
    """A folder of routine files (catalog.RoutineDir)."""

    @property
    def path(self) -> Path: ...

    @property
    def shipped(self) -> bool: ...


class Catalog(Protocol):
    """What the cache needs of a catalog (catalog.Catalog)."""

    failures: list[Any]


Dir = TypeVar("Dir", bound=RoutineDir)
Read = TypeVar("Read", bound=Catalog)
#: A folder's routine files as the catalog reads them, why the folder cannot be read (or
#: None), and the files it leaves out (an object with `names`, or None): catalog.scan_folder.
Scan = Callable[[Path], tuple[list[Path], Any, Any]]


class _Unusable(Exception):
    """A value the cache cannot hold exactly, or a cache that is not as written."""


def cached_catalog(dirs: Sequence[Dir], build: Callable[[Sequence[Dir]], Read], *, scan: Scan,
                   kind: type[Read], cache_dir: Path | None = None) -> Read:
    """The catalog of `dirs`: from the cache when nothing it depends on changed, else `build`'s.

    `scan` lists a folder's routine files; only a `kind` is ever taken from the cache."""
    dirs = list(dirs)
    try:
        folder = cache_dir if cache_dir is not None else _default_cache_dir()
        key = _key(dirs, scan)
    except Exception:  # noqa: BLE001 - no cache is ever worse than reading the files
        return build(dirs)
    if key is not None:
        found = _read(folder / CACHE_FILE, key, kind)
        if found is not None:
            return found
    catalog = build(dirs)
    if key is not None and not catalog.failures and not _racy(key):
        try:
            if _key(dirs, scan) == key:  # nothing changed while the files were read
                _write(folder / CACHE_FILE, key, catalog)
        except Exception:  # noqa: BLE001, S110 - the cache is only ever an optimisation
            pass
    return catalog


def _default_cache_dir() -> Path:
    from coach.paths import data_dir

    return data_dir() / CACHE_DIR


# -- the key ---------------------------------------------------------------------------------

def _key(dirs: Sequence[RoutineDir], scan: Scan) -> list[Any] | None:
    """Everything the catalog depends on, or None when it must be read afresh anyway."""
    folders = []
    for directory in dirs:
        paths, problem, left_out = scan(directory.path)
        if problem is not None:
            return None
        files = []
        for path in paths:
            try:
                info = os.stat(path)  # through a link, as the loader reads it
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode):
                return None
            files.append([str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                          info.st_ino, info.st_dev, info.st_mode])
        folders.append([str(directory.path), directory.shipped, files,
                        list(left_out.names) if left_out else []])
    return [FORMAT, __version__, sys.version, _code_stamp(), _pyyaml_stamp(), folders]


def _code_stamp() -> list[Any]:
    """The size and mtime_ns of each of coach's modules."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found: list[Any] = []
    pending = [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append([entry.path[len(root):], info.st_size, info.st_mtime_ns])
                elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    found.sort()
    return found


def _pyyaml_stamp() -> list[Any]:
    """Where PyYAML is installed, and when (an upgrade rewrites its files), without importing it."""
    for entry in sys.path:
        init = os.path.join(entry or ".", "yaml", "__init__.py")
        try:
            info = os.stat(init)
        except OSError:
            continue
        return [init, info.st_size, info.st_mtime_ns, info.st_ino]
    return []


def _racy(key: list[Any]) -> bool:
    """Whether a routine file changed so recently that it may change again unseen."""
    recent = time.time_ns() - RACY_NS
    return any(max(mtime, ctime) >= recent
               for _, _, files, _ in key[-1] for _, _, mtime, ctime, *_ in files)


# -- reading and writing ---------------------------------------------------------------------

def _read(path: Path, key: list[Any], kind: type[Read]) -> Read | None:
    try:
        data = _read_private(path)
        if data is None:
            return None
        document = orjson.loads(data)
        if type(document) is not dict or document.get("key") != key:
            return None
        catalog = _decode(document["catalog"])
        if type(catalog) is not kind or catalog.failures:
            return None
        return catalog
    except Exception:  # noqa: BLE001 - damaged or foreign: ignored, and rebuilt
        return None


def _read_private(path: Path) -> bytes | None:
    """The file's bytes if it is an ordinary file and it and its folder are this user's only."""
    folder = os.lstat(path.parent)
    if not stat.S_ISDIR(folder.st_mode) or not _private(folder):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY
                     | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > MAX_BYTES:
            return None
        data = handle.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else None


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def _write(path: Path, key: list[Any], catalog: Catalog) -> None:
    from coach.files import atomic_write

    encoded = _encode(catalog)
    blob = orjson.dumps({"format": FORMAT, "key": key, "catalog": encoded})
    # Keep only what reads back exactly: equal, and equal in every field and type.
    again = _decode(orjson.loads(blob)["catalog"])
    if again != catalog or _encode(again) != encoded:
        return
    try:
        folder = os.lstat(path.parent)
    except FileNotFoundError:
        pass  # atomic_write makes it, 0700
    else:
        if not stat.S_ISDIR(folder.st_mode) or not _private(folder):
            return
    atomic_write(path, blob, mode=0o600)


# -- values ----------------------------------------------------------------------------------
# Every JSON object in a cache is one of these tagged forms, so decoding is unambiguous.

def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        if not math.isfinite(value):
            raise _Unusable(value)
        return value
    if kind is list:
        return [_encode(item) for item in value]
    if kind is tuple:
        return {"tuple": [_encode(item) for item in value]}
    if kind is dict:
        return {"dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if kind is set and all(type(item) is str for item in value):
        return {"set": sorted(value)}
    if kind is clock_time and value.tzinfo is None:
        return {"time": value.isoformat()}
    if kind is PosixPath:
        return {"path": str(value)}
    if dataclasses.is_dataclass(value):
        name = f"{kind.__module__}:{kind.__qualname__}"
        fields = dataclasses.fields(value)
        if _class(name) is not kind or any(not f.init for f in fields) or \
                set(vars(value)) != {f.name for f in fields}:
            raise _Unusable(name)
        return {"dataclass": name,
                "fields": {f.name: _encode(getattr(value, f.name)) for f in fields}}
    raise _Unusable(kind)


def _decode(data: Any) -> Any:
    kind = type(data)
    if data is None or kind in (bool, int, float, str):
        return data
    if kind is list:
        return [_decode(item) for item in data]
    if kind is not dict:
        raise _Unusable(kind)
    if data.keys() == {"dataclass", "fields"} and type(data["fields"]) is dict:
        cls = _class(data["dataclass"])
        names = {f.name for f in dataclasses.fields(cls) if f.init}
        if data["fields"].keys() != names:
            raise _Unusable(data["dataclass"])
        return cls(**{name: _decode(value) for name, value in data["fields"].items()})
    if len(data) != 1:
        raise _Unusable(data.keys())
    ((tag, body),) = data.items()
    if tag == "tuple":
        return tuple(_decode(item) for item in _as_list(body))
    if tag == "dict":
        return {_decode(k): _decode(v) for k, v in (_pair(item) for item in _as_list(body))}
    if tag == "set" and all(type(item) is str for item in _as_list(body)):
        return set(body)
    if tag == "time" and type(body) is str:
        return clock_time.fromisoformat(body)
    if tag == "path" and type(body) is str:
        return Path(body)
    raise _Unusable(tag)


def _as_list(data: Any) -> list[Any]:
    if type(data) is not list:
        raise _Unusable(type(data))
    return data


def _pair(data: Any) -> tuple[Any, Any]:
    if type(data) is not list or len(data) != 2:
        raise _Unusable(type(data))
    return data[0], data[1]


def _class(name: Any) -> type:
    """One of coach's routine classes by 'module:qualname', from modules already loaded."""
    module_name, _, class_name = name.partition(":") if type(name) is str else ("", "", "")
    module = sys.modules.get(module_name)
    if module is None or not module_name.startswith(_CLASS_PACKAGES) or \
            not class_name.isidentifier():
        raise _Unusable(name)
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls) or \
            cls.__module__ != module_name:
        raise _Unusable(name)
    return cls
