"""Desktop GUI toolkits: a callback a widget runs when a person clicks, types or picks, while they
watch the window for the answer (real-time).

- Tkinter (and ttk, customtkinter): a widget built with ``command=fn`` (``Button``, ``Checkbutton``,
  ``Scale``, ``CTkButton``...), ``widget.configure(command=fn)`` / ``config``, and event bindings
  ``widget.bind("<Return>", fn)``, ``bind_all``, ``bind_class``, ``tag_bind``.
- Qt (PyQt5/6, PySide2/6): a user signal connected to a slot, ``button.clicked.connect(fn)``,
  ``action.triggered.connect``, ``line_edit.returnPressed.connect`` (``QT_SIGNALS``).
- wxPython: ``widget.Bind(wx.EVT_BUTTON, handler)`` for an event a person's input emits
  (``WX_EVENTS``); ``wx.EVT_TIMER``, ``EVT_IDLE``, ``EVT_PAINT``, ``EVT_SIZE``... are not.

A callback that hands its slow work to a thread (``threading.Thread(target=self._work).start()``)
does so to keep the window responsive: the person still waits for the result it shows, so the first
hand-off keeps it real-time (``catalog/queues.REPLYING_SOURCES``). Timers (``root.after(ms, fn)``,
``QTimer.timeout``, ``wx.EVT_TIMER``) are no person's action and are not read here.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "desktop-gui"
TK_ROOTS = ("tkinter", "customtkinter", "ttkbootstrap", "Tkinter")
QT_ROOTS = ("PyQt5", "PyQt6", "PySide2", "PySide6", "qtpy")
# Tk methods that take a callback: method -> (keyword, position).
TK_BINDERS = {"bind": ("func", 1), "bind_all": ("func", 1), "bind_class": ("func", 2), "tag_bind": ("func", 2)}
TK_CONFIGURE = frozenset({"configure", "config"})
# Qt signals a person's action emits (Qt docs: QAbstractButton, QAction, QLineEdit, QComboBox, item views).
QT_SIGNALS = frozenset({
    "clicked", "pressed", "released", "toggled", "triggered", "returnPressed", "editingFinished",
    "textChanged", "textEdited", "currentIndexChanged", "currentTextChanged", "activated", "itemClicked",
    "itemDoubleClicked", "doubleClicked", "valueChanged", "stateChanged", "accepted", "sliderReleased",
})

# wxPython events a person's input emits (wxPython Phoenix docs: wx.CommandEvent and its controls'
# event macros, wx.KeyEvent, wx.MouseEvent); timers, idle, paint, size and close are not.
WX_EVENTS = frozenset({
    "EVT_BUTTON", "EVT_TOGGLEBUTTON", "EVT_MENU", "EVT_TOOL", "EVT_TEXT", "EVT_TEXT_ENTER", "EVT_CHECKBOX",
    "EVT_CHOICE", "EVT_COMBOBOX", "EVT_LISTBOX", "EVT_LISTBOX_DCLICK", "EVT_CHECKLISTBOX", "EVT_RADIOBUTTON",
    "EVT_RADIOBOX", "EVT_SLIDER", "EVT_SPINCTRL", "EVT_SPIN", "EVT_SEARCH", "EVT_SEARCHCTRL_SEARCH_BTN",
    "EVT_LIST_ITEM_SELECTED", "EVT_LIST_ITEM_ACTIVATED", "EVT_LIST_ITEM_RIGHT_CLICK", "EVT_LIST_COL_CLICK",
    "EVT_LIST_KEY_DOWN", "EVT_LIST_END_LABEL_EDIT", "EVT_TREE_SEL_CHANGED", "EVT_TREE_ITEM_ACTIVATED",
    "EVT_KEY_DOWN", "EVT_KEY_UP", "EVT_CHAR", "EVT_CHAR_HOOK", "EVT_LEFT_DOWN", "EVT_LEFT_UP", "EVT_LEFT_DCLICK",
    "EVT_RIGHT_DOWN", "EVT_RIGHT_UP", "EVT_HYPERLINK", "EVT_DATE_CHANGED", "EVT_FILEPICKER_CHANGED",
    "EVT_DIRPICKER_CHANGED", "EVT_COLOURPICKER_CHANGED",
})


def _add(ctx: "Context", node: cst.Call, handler: Optional[cst.BaseExpression], label: str) -> None:
    target = callable_target(ctx, handler)
    if target is None or handler is None:
        return
    note = f"{label} -> {short(ctx, handler)}: a person acts in the window and waits"
    ctx.add_trigger(Trigger(kind="real-time", source=SOURCE, target=target, line=ctx.line(node), note=note))


def _imports_any(ctx: "Context", roots: tuple) -> bool:
    return any(ctx.imports(root) for root in roots)


class DesktopCallbacks(Recognizer):
    """Tkinter ``command=`` / ``bind``, Qt ``signal.connect`` and wx ``Bind`` callbacks."""

    id = "desktop-gui"
    words = ("tkinter", "PyQt", "PySide", "qtpy", "import wx")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        root = (callee or "").split(".", 1)[0]
        if root in TK_ROOTS and (callee or "").rpartition(".")[2][:1].isupper():  # ``tk.Button(root, command=fn)``
            handler = kwarg(node, "command")
            if handler is not None:
                _add(ctx, node, handler, f"Tkinter {short(ctx, func)}(command=...)")
            return
        if not isinstance(func, cst.Attribute):
            return
        method = func.attr.value
        if method in TK_BINDERS and _imports_any(ctx, TK_ROOTS):
            keyword, position = TK_BINDERS[method]
            _add(ctx, node, arg(node, keyword, position), f"Tkinter {short(ctx, func)}")
        elif method in TK_CONFIGURE and kwarg(node, "command") is not None and _imports_any(ctx, TK_ROOTS):
            _add(ctx, node, kwarg(node, "command"), f"Tkinter {short(ctx, func)}(command=...)")
        elif method == "connect" and isinstance(func.value, cst.Attribute) and func.value.attr.value in QT_SIGNALS \
                and _imports_any(ctx, QT_ROOTS):
            _add(ctx, node, arg(node, "slot", 0), f"Qt signal {short(ctx, func.value)}")
        elif method == "Bind" and ctx.imports("wx") and _wx_user_event(ctx, arg(node, "event", 0)):
            _add(ctx, node, arg(node, "handler", 1), f"wxPython {short(ctx, func)}")


def _wx_user_event(ctx: "Context", event: Optional[cst.BaseExpression]) -> bool:
    qualified = ctx.qualified(event) or ""
    return qualified.startswith("wx.") and qualified.rpartition(".")[2] in WX_EVENTS


RECOGNIZERS = [DesktopCallbacks()]
