#!/usr/bin/python3
"""A GTK 3 window that offers files as text/uri-list when dragged from, the way a file
manager does, or, with --offer, whatever targets a browser offers (a link, a
selection). It places itself at X,Y, prints "ready" once it can be dragged, and exits
after a drop completes (or after a minute).

Usage: drag_source.py X Y PATH...
       drag_source.py X Y --offer TARGET=VALUE [--offer TARGET=VALUE]...
A target named text/x-moz-url is sent in UTF-16 as Firefox does; others in UTF-8.
"""
import sys
from urllib.parse import quote

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

x, y, rest = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
offers = [rest[i + 1].split("=", 1) for i in range(len(rest) - 1) if rest[i] == "--offer"]
paths = [] if offers else rest
uris = ["file://" + quote(p) for p in paths]

window = Gtk.Window(title="drag source")
window.set_default_size(120, 120)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label=f"{len(paths or offers)} items"))
window.add(box)

box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
if offers:
    targets = Gtk.TargetList.new([])
    for index, (target, _value) in enumerate(offers):
        targets.add(Gdk.Atom.intern(target, False), 0, index)
    box.drag_source_set_target_list(targets)
else:
    box.drag_source_add_uri_targets()


def on_drag_data_get(_widget, _context, data, info, _time):
    if not offers:
        data.set_uris(uris)
        return
    target, value = offers[info]
    encoded = value.encode("utf-16-le") if target == "text/x-moz-url" else value.encode("utf-8")
    data.set(Gdk.Atom.intern(target, False), 16 if target == "text/x-moz-url" else 8, encoded)


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
