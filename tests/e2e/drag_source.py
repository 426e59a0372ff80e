#!/usr/bin/python3
"""A GTK 3 window that offers files as text/uri-list when dragged from, the way a file
manager does. It places itself at X,Y, prints "ready" once it can be dragged, and exits
after a drop completes (or after a minute).

Usage: drag_source.py X Y PATH...
"""
import sys
from urllib.parse import quote

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

x, y, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
uris = ["file://" + quote(p) for p in paths]

window = Gtk.Window(title="drag source")
window.set_default_size(120, 120)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label=f"{len(paths)} items"))
window.add(box)

box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()


def on_drag_data_get(_widget, _context, data, _info, _time):
    data.set_uris(uris)


def on_drag_end(_widget, _context):
    GLib.timeout_add(500, Gtk.main_quit)


box.connect("drag-data-get", on_drag_data_get)
box.connect("drag-end", on_drag_end)
window.connect("destroy", Gtk.main_quit)


def announce():
    print("ready", flush=True)
    return False


window.show_all()
GLib.timeout_add(300, announce)
GLib.timeout_add(60_000, Gtk.main_quit)
Gtk.main()
