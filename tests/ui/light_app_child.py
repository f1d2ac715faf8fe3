"""The start both child scripts of the light-store tests share (test_history_light,
test_quit_keeps_off_the_gui_thread): a real app controller on the offscreen platform,
started on the light store (`open_light`) of the data folder the environment names, past
the first start, and `loaded(window)`, which runs the events until History is loaded."""

START = r"""
import json, os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication(["mlcoach"])
from mlcoach.security.keys import OSKeyring
from mlcoach.store.vault import Layout, open_light
from mlcoach.ui import ops
from mlcoach.ui.app import AppController
from mlcoach.ui.app_windows import Window
from mlcoach.ui.instance_server import InstanceServer

root = Path(os.environ["MLCOACH_DATA_DIR"])
opened = open_light(Layout(root), keys=OSKeyring())
opened.store.set_state("welcome_done", True)  # a user past the first start
ctl = AppController(app, root, InstanceServer(root), busy=lambda: False)
ctl.start("show", opened=opened)

def loaded(window):
    for _ in range(2000):
        app.processEvents()
        if ops.pool().activeThreadCount() == 0 and not ops._live \
                and not window.timeline.model.loading():
            return
        ops.pool().waitForDone(5)
    raise SystemExit("History never finished loading")
"""
