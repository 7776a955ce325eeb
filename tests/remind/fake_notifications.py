"""A stand-in desktop notification service for tests, run by the SYSTEM /usr/bin/python3
(Debian's python3-dbus and python3-gi; the venv has neither).

    fake_notifications.py RECORD READY [CAPABILITIES]

Owns org.freedesktop.Notifications on the session bus, appends each Notify call to RECORD
as a JSON line ({"app_name", "summary", "body"}), and once it owns the name writes the bus
address to READY, so a test knows where to connect and that the service is up.
CAPABILITIES (comma-separated, default "body,body-markup") is what GetCapabilities says.
"""

import json
import os
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"


class Notifications(dbus.service.Object):
    def __init__(self, bus, record, capabilities):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.record = record
        self.capabilities = capabilities
        self.last_id = 0

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        with open(self.record, "a", encoding="utf-8") as out:
            out.write(json.dumps({"app_name": str(app_name), "summary": str(summary),
                                  "body": str(body)}) + "\n")
        self.last_id += 1
        return self.last_id

    @dbus.service.method(NAME, out_signature="ssss")
    def GetServerInformation(self):
        return "fake-notifications", "coach tests", "1.0", "1.2"

    @dbus.service.method(NAME, out_signature="as")
    def GetCapabilities(self):
        return self.capabilities


def main(record, ready, capabilities="body,body-markup"):
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)  # noqa: F841 (kept alive)
    Notifications(bus, record, [c for c in capabilities.split(",") if c])
    with open(ready + ".tmp", "w", encoding="utf-8") as out:
        out.write(os.environ["DBUS_SESSION_BUS_ADDRESS"])
    os.replace(ready + ".tmp", ready)  # whole or absent, never half-written
    GLib.MainLoop().run()


if __name__ == "__main__":
    main(*sys.argv[1:4])
