"""Runtime hook: child processes get the user's library path, not the bundle's.

The bootloader points LD_LIBRARY_PATH at the bundle so that this process finds its own
libraries (the loader reads it once, at start). System programs the app runs, such as
notify-send and xprop, must not load the bundle's copies of glib and friends.
"""

import os
import sys

if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
