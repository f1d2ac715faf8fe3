"""Run as ``python -m mlcoach``."""

import sys

from mlcoach.cli import main

sys.exit(main())
