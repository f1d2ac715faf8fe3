"""Run as ``python -m mlcoach``."""

import sys

from mlcoach.cli.main import main

sys.exit(main())
