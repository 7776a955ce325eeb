"""Two real Syncthing instances on loopback sharing one folder, for proving coach's sync.

Each instance has a home of its own (keys, config, database) made by `syncthing generate`,
its GUI/REST API on 127.0.0.1 at a free port with an API key, and its sync protocol on
tcp://127.0.0.1 at another free port. Everything that would reach past this machine, or
past loopback, is off before it first starts: global and local discovery, relays, NAT,
usage and crash reporting, automatic upgrades. The two devices are introduced to each
other and the folder is shared through the REST API, as a person's clicks in the GUI do.

`syncthing_pair` yields a `Pair`: pause and resume a side's link or folder, rescan, and
`wait_in_sync`, which fails with both instances' states and the tail of their logs.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from tests.conftest import require_tool
from tests.remind.conftest import stop_group
from tests.ssh.conftest import free_port

FOLDER_ID = "coach-data"

#: Set in config.xml before an instance first starts, so that it never listens on the
#: default ports (22000, 21027: another test's or the person's own Syncthing) and never
#: asks the Internet for anything.
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",  # usage reporting declined, and not asked again
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "reconnectionIntervalS": "1",  # after a resume, dial again at once rather than in 60 s
    "setLowPriority": "false",  # a test waits on it: no lower priority than the others
}


class SyncthingError(AssertionError):
    """An instance did not start, did not answer, or the folder did not come in sync."""


@dataclass
class Instance:
    """One running Syncthing: its REST API, its device id and its side of the folder."""

    name: str
    home: Path
    folder: Path
    api: str
    key: str
    listen: str
    device_id: str
    process: subprocess.Popen[bytes]

    @property
    def log(self) -> Path:
        return self.home / "syncthing.log"

    def request(self, method: str, path: str, body: Any = None, timeout: float = 20,
                **params: str) -> Any:
        """Call the REST API; the decoded JSON answer, or None for an empty one."""
        url = f"{self.api}{path}" + (f"?{urlencode(params)}" if params else "")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"X-API-Key": self.key,
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as err:
            raise SyncthingError(f"{self.name}: {method} {path} answered {err.code}: "
                                 f"{err.read().decode(errors='replace')}\n"
                                 f"{self.log_tail()}") from err
        return json.loads(text) if text.strip() else None

    def get(self, path: str, **params: str) -> Any:
        return self.request("GET", path, **params)

    def status(self) -> dict[str, Any]:
        """/rest/db/status of the shared folder: its state and what it has and needs."""
        return self.get("/rest/db/status", folder=FOLDER_ID)

    def completion(self, of: Instance) -> dict[str, Any]:
        """How much of the folder `of` has, as this instance knows from `of`'s index."""
        return self.get("/rest/db/completion", folder=FOLDER_ID, device=of.device_id)

    def connected_to(self, other: Instance) -> bool:
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(errors="replace").splitlines()[-lines:]
        except OSError as err:
            text = [f"(no log: {err})"]
        return f"--- {self.name}'s Syncthing log, last lines ---\n" + "\n".join(text)


@dataclass
class Pair:
    """Two instances, a and b, sharing the folder FOLDER_ID."""

    a: Instance
    b: Instance

    def sides(self) -> tuple[Instance, Instance]:
        return self.a, self.b

    def other(self, side: Instance) -> Instance:
        return self.b if side is self.a else self.a

    def pause_device(self, side: Instance) -> None:
        """`side` stops talking to the other device (as the GUI's Pause on a device)."""
        self._set_device_paused(side, True)

    def resume_device(self, side: Instance) -> None:
        self._set_device_paused(side, False)

    def _set_device_paused(self, side: Instance, paused: bool) -> None:
        side.request("PATCH", f"/rest/config/devices/{quote(self.other(side).device_id)}",
                     {"paused": paused})

    def pause_folder(self, side: Instance) -> None:
        """`side` stops scanning and syncing the folder (as the GUI's Pause on a folder)."""
        side.request("PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": True})

    def resume_folder(self, side: Instance) -> None:
        side.request("PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": False})

    def pause(self) -> None:
        """Both sides apart, as two devices offline from each other."""
        for side in self.sides():
            self.pause_device(side)
        wait_until(lambda: not any(s.connected_to(self.other(s)) for s in self.sides()),
                   15, "the two instances to disconnect", self)

    def resume(self) -> None:
        """Together again: b first, so that a's dial, made at once, finds b willing."""
        self.resume_device(self.b)
        self.resume_device(self.a)

    def rescan(self, side: Instance | None = None) -> None:
        """Scan the folder now (the REST call returns once the scan is done)."""
        for each in (side,) if side else self.sides():
            each.request("POST", "/rest/db/scan", folder=FOLDER_ID)

    def in_sync(self) -> bool:
        """Both connected, idle, needing nothing, each holding the other's whole index,
        each counting the other complete, and the same global view on both."""
        statuses = {}
        for side in self.sides():
            other = self.other(side)
            if not side.connected_to(other):
                return False
            status = statuses[side.name] = side.status()
            if status["state"] != "idle" or status["needTotalItems"] or status["pullErrors"]:
                return False
            if side.completion(other)["completion"] != 100:
                return False
        for side in self.sides():
            # The other side has seen every change this side made (its index sequence).
            if self.other(side).completion(side)["sequence"] != statuses[side.name]["sequence"]:
                return False
        a, b = statuses[self.a.name], statuses[self.b.name]
        return all(a[key] == b[key] for key in ("globalBytes", "globalFiles", "globalDeleted",
                                                "globalDirectories"))

    def wait_in_sync(self, timeout: float = 20) -> float:
        """Rescan both sides (so what coach just wrote is in their indexes), then wait
        until the folder is the same on both, twice in a row; the seconds it took."""
        start = time.monotonic()
        self.rescan()
        checks = [False]
        wait_until(lambda: checks.append(self.in_sync()) or checks[-2:] == [True, True],
                   timeout, "the folder to be in sync on both sides", self)
        return time.monotonic() - start

    def describe(self) -> str:
        """Both instances' folder states and log tails, for a failure message."""
        parts = []
        for side in self.sides():
            try:
                status = side.status()
                state = {key: status.get(key) for key in (
                    "state", "needTotalItems", "pullErrors", "globalFiles", "globalBytes",
                    "localFiles", "localBytes", "sequence", "error")}
                state["connected"] = side.connected_to(self.other(side))
                state["completion of the other"] = side.completion(self.other(side))
            except (SyncthingError, OSError) as err:
                state = {"unanswered": str(err)}
            parts.append(f"{side.name} ({side.folder}): {json.dumps(state)}")
        parts += [side.log_tail() for side in self.sides()]
        return "\n".join(parts)


def wait_until(condition: Callable[[], bool], timeout: float, what: str,
               pair: Pair | None = None) -> None:
    """Poll `condition` until it holds; else fail saying what was awaited, and with `pair`
    both instances' states and logs."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            detail = f"\n{pair.describe()}" if pair else ""
            raise SyncthingError(f"timed out after {timeout:g} s waiting for {what}{detail}")
        time.sleep(0.2)


def _engine_env() -> dict[str, str]:
    """This environment, and no default folder, upgrade or restart. STHASHING names the
    hash to use, so that each start is not a second longer for timing the candidates
    (coach's files are small). Under `make test-shifted` the engine keeps real time: Go
    reads the clock without libc, which libfaketime moves."""
    return {**os.environ, "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1", "STNORESTART": "1",
            "STHASHING": "standard"}


def _generate(syncthing: str, home: Path, name: str, listen_port: int) -> str:
    """Make the instance's keys and config; set the options above and its listen address
    in config.xml; its device id."""
    result = subprocess.run([syncthing, "generate", f"--home={home}", "--no-default-folder"],
                            capture_output=True, text=True, env=_engine_env(), timeout=60)
    if result.returncode:
        raise SyncthingError(f"syncthing generate failed:\n{result.stdout}{result.stderr}")
    config_path = home / "config.xml"
    tree = ET.parse(config_path)
    root = tree.getroot()
    me = root.find("device")
    assert me is not None, f"no device in {config_path}"
    me.set("name", name)
    options = root.find("options")
    assert options is not None, f"no options in {config_path}"
    for key, value in {**OPTIONS, "listenAddress": f"tcp://127.0.0.1:{listen_port}"}.items():
        element = options.find(key)
        if element is None:
            element = ET.SubElement(options, key)
        element.text = value
    tree.write(config_path)
    return me.get("id", "")


def _launch(syncthing: str, root: Path, name: str, attempt: int) -> Instance:
    """Generate an instance's home and start it, on ports free a moment ago."""
    home = root / f"home-{attempt}"
    folder = root / "folder"
    folder.mkdir(parents=True, exist_ok=True)
    gui_port, listen_port = free_port(), free_port()
    device_id = _generate(syncthing, home, name, listen_port)
    key = secrets.token_urlsafe(24)
    api = f"http://127.0.0.1:{gui_port}"
    with open(home / "syncthing.log", "wb") as log:
        process = subprocess.Popen(
            [syncthing, "serve", f"--home={home}", "--no-browser", "--no-restart",
             "--no-upgrade", "--no-default-folder", f"--gui-address={api}",
             f"--gui-apikey={key}", "--logflags=3"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env=_engine_env(), start_new_session=True)
    return Instance(name, home, folder, api, key, f"tcp://127.0.0.1:{listen_port}",
                    device_id, process)


def _start(syncthing: str, root: Path, names: tuple[str, ...],
           stack: ExitStack) -> list[Instance]:
    """The instances, started side by side, each with its REST API answering and its
    listener up; all are shut down when `stack` closes. A free port can be taken between
    asking and binding: then that one starts again, on new ports."""
    launched: list[Instance] = []
    stack.callback(_shutdown, launched)

    def launch(name: str, attempt: int) -> Instance:
        launched.append(_launch(syncthing, root / name, name, attempt))
        return launched[-1]

    instances = [launch(name, 0) for name in names]
    for index, name in enumerate(names):
        failures = []
        for attempt in range(1, 4):
            problem = _wait_started(instances[index])
            if problem is None:
                break
            failures.append(f"{problem}\n{instances[index].log_tail()}")
            stop_group(instances[index].process)
            if attempt == 3:
                raise SyncthingError(f"Syncthing {name} did not start:\n" + "\n".join(failures))
            instances[index] = launch(name, attempt)
    return instances


def _wait_started(instance: Instance, timeout: float = 30) -> str | None:
    """None once the REST API answers and the sync listener is up; else what went wrong."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            return f"it exited with status {instance.process.returncode}"
        try:
            listeners = instance.get("/rest/system/status").get("connectionServiceStatus", {})
        except (OSError, SyncthingError):
            time.sleep(0.1)
            continue
        listener = listeners.get(instance.listen)
        if listener is not None:
            return f"its listener failed: {listener['error']}" if listener.get("error") \
                else None
        time.sleep(0.1)
    return f"no answer on {instance.api} within {timeout:g} s"


def _introduce(pair: Pair, rescan_s: int, watcher_delay_s: int) -> None:
    """Each side knows the other at its loopback address, and shares the folder with it.
    Only a dials (b knows a's address as "dynamic", which nothing resolves with discovery
    off): when both dialled at once, each side could keep the other's connection waiting,
    and they met only after Syncthing's 20 s handshake timeout. The devices are added
    paused and resumed once both know each other: a side that dialled first would be
    turned away as unknown, and would try again only a while later."""
    for side in pair.sides():
        other = pair.other(side)
        side.request("POST", "/rest/config/devices", {
            "deviceID": other.device_id, "name": other.name,
            "addresses": [other.listen] if side is pair.a else ["dynamic"],
            "autoAcceptFolders": False, "paused": True})
    for side in pair.sides():
        side.request("POST", "/rest/config/folders", {
            "id": FOLDER_ID, "label": "coach", "path": str(side.folder), "type": "sendreceive",
            "devices": [{"deviceID": side.device_id}, {"deviceID": pair.other(side).device_id}],
            "rescanIntervalS": rescan_s, "fsWatcherEnabled": True,
            "fsWatcherDelayS": watcher_delay_s, "paused": False})
    pair.resume()


def _shutdown(instances: list[Instance]) -> None:
    """Ask every instance to stop, all at once; kill one, and what it started, if it has not
    stopped within 10 s."""
    for instance in instances:
        if instance.process.poll() is None:
            try:
                instance.request("POST", "/rest/system/shutdown", timeout=5)
            except (OSError, SyncthingError):
                pass
    deadline = time.monotonic() + 10
    for instance in instances:
        try:
            instance.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            stop_group(instance.process)


@contextmanager
def syncthing_pair(tmp_path: Path, rescan_s: int = 10,
                   watcher_delay_s: int = 1) -> Iterator[Pair]:
    """Two connected instances, "a" and "b", sharing FOLDER_ID: a's side in
    tmp_path/a/folder, b's in tmp_path/b/folder. Skips without syncthing (fails in CI)."""
    syncthing = require_tool("syncthing")
    with ExitStack() as stack:
        pair = Pair(*_start(syncthing, tmp_path, ("a", "b"), stack))
        _introduce(pair, rescan_s, watcher_delay_s)
        wait_until(lambda: all(s.connected_to(pair.other(s)) for s in pair.sides()), 20,
                   "the two instances to connect", pair)
        yield pair

