"""This device: an id made once, and a name the person can set, kept outside the synced folders.

A person may sync coach's data folder between devices (Syncthing, a copy by hand).
Each record says which device wrote it ("device"), so two devices' records can be
told apart and put in one order (see store.hlc). The id is 8 characters of lowercase
base32, random, made the first time it is asked for; the name is the host name unless
the person set another (`coach device --name`).

Both are kept in `device.json` in the state directory (coach.foundation.paths.state_dir),
never in the data or config folder: a synced or copied file would give two devices
one id. It is coach's own file: written whole, private (0600), never through a link,
and never written over unless coach can read it as its own. A file that cannot be read
or is damaged is said in plain words (`coach doctor` shows it), and no new id is made
over it: records are then written without a device until the person moves it away
(a new id is made) or puts it right.
"""

from __future__ import annotations

import base64
import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from coach.foundation.files import NotCoachFile, atomic_create, atomic_write, open_own
from coach.foundation.formats import DEVICE_VERSION
from coach.foundation.paths import state_dir
from coach.store.records import is_device_id

DEVICE_FILE_NAME = "device.json"
#: The longest name a device can have, in characters.
MAX_NAME = 64
#: More than a device file ever holds: a bigger one is not coach's.
_MAX_BYTES = 4096
#: The name of a device whose host has no name.
UNNAMED = "this device"


def new_device_id() -> str:
    """A new random id: 5 random bytes, which base32 says in exactly 8 characters."""
    import secrets  # only to make an id, once a device: not at every start

    return base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a device (empty, too long, a control character), or None."""
    if not name.strip():
        return "a device's name cannot be empty"
    if len(name) > MAX_NAME:
        return f"a device's name can be at most {MAX_NAME} characters"
    if not name.isprintable():
        return "a device's name cannot hold a tab, a new line or another control character"
    return None


def host_name() -> str:
    """This machine's host name, as the name of a device not named by the person."""
    import socket  # only when a name is shown: not at every start

    name = socket.gethostname().strip()
    return name if name and name_problem(name) is None else UNNAMED


@dataclass(frozen=True)
class Device:
    id: str
    #: The name the person set, or None: the host name is used.
    chosen_name: str | None = None

    @property
    def name(self) -> str:
        return self.chosen_name if self.chosen_name is not None else host_name()

    def describe(self) -> str:
        """"laptop (k3v7q2ma)"."""
        return f"{self.name} ({self.id})"


class DeviceProblem(Exception):
    """This device's file cannot be read, is damaged or cannot be made; `str(err)` says
    which file, why, and what to do, in plain words."""


def device_file() -> Path:
    return state_dir() / DEVICE_FILE_NAME


def this_device(path: Path | None = None) -> Device:
    """This device, made (with a new id) if its file is missing. DeviceProblem if the
    file cannot be read or is damaged (no new id is made over it), or cannot be made."""
    path = path or device_file()
    device = _read(path)
    if device is not None:
        return device
    made = Device(new_device_id())
    try:
        atomic_create(path, _bytes(made))
    except FileExistsError:  # made by another coach meanwhile: that one is this device
        pass
    except OSError as err:
        raise DeviceProblem(f"coach could not keep this device's id in {path} "
                            f"({_words(err)}); records are saved without it") from err
    else:
        return made
    found = _read(path)
    if found is None:
        raise DeviceProblem(f"coach could not keep this device's id in {path} (it came "
                            "and went as coach made it); records are saved without it")
    return found


def looked_up(path: Path | None = None) -> tuple[Device | None, str | None]:
    """(this device, None), or (None, the problem in plain words): see this_device."""
    try:
        return this_device(path), None
    except DeviceProblem as problem:
        return None, str(problem)


def device_id(path: Path | None = None) -> str:
    """The id records written here carry; "" when this device's file cannot be read or
    made (records are then saved without one, and `coach doctor` says why)."""
    device, _ = looked_up(path)
    return device.id if device is not None else ""


def rename(name: str, path: Path | None = None) -> Device:
    """Give this device the name `name` (the same id). ValueError for a name that cannot
    be one (see name_problem); DeviceProblem as this_device, or if it cannot be written."""
    if problem := name_problem(name):
        raise ValueError(problem)
    path = path or device_file()
    named = Device(this_device(path).id, name)
    try:
        atomic_write(path, _bytes(named))
    except OSError as err:
        raise DeviceProblem(f"coach could not save the name in {path} ({_words(err)})") \
            from err
    return named


def _bytes(device: Device) -> bytes:
    document: dict[str, Any] = {"v": DEVICE_VERSION, "id": device.id}
    if device.chosen_name is not None:
        document["name"] = device.chosen_name
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def _read(path: Path) -> Device | None:
    """The device the file holds; None if there is no file; DeviceProblem otherwise."""
    try:
        fd = open_own(path, os.O_RDONLY)  # never through a link
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DeviceProblem(f"{path} cannot be read ({_words(err)}); coach made no new "
                            "device id over it, and saves records without one until it "
                            "can be read") from err
    try:
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except OSError as err:
        raise DeviceProblem(f"{path} cannot be read ({_words(err)}); coach made no new "
                            "device id over it") from err
    why = _damage(data)
    if why is not None:
        raise DeviceProblem(f"{path} is damaged ({why}); coach made no new device id over "
                            "it, and saves records without one. Move it away to have a new "
                            "id made, or put back the id it held.")
    document = orjson.loads(data)
    return Device(document["id"], document.get("name"))


def _damage(data: bytes) -> str | None:
    """Why the bytes are not a device file coach wrote, or None."""
    if len(data) > _MAX_BYTES:
        return f"it is bigger than {_MAX_BYTES:,} bytes"
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        return "it is not JSON" if data.strip() else "it is empty"
    if type(document) is not dict:
        return "it holds no id"
    if not is_device_id(document.get("id")):
        return "its id is not 8 letters and digits such as k3v7q2ma" if "id" in document \
            else "it holds no id"
    name = document.get("name")
    if name is not None and (type(name) is not str or name_problem(name) is not None):
        return "its name is not a name"
    return None


def _words(err: OSError) -> str:
    if isinstance(err, NotCoachFile):
        return err.reason
    if err.errno == errno.ELOOP:
        return "it is a link; coach keeps this file itself: move the link away"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return (err.strerror or str(err)).lower()
