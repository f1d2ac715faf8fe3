"""Entry point of the frozen build: the same as the `mlcoach` console script."""

import sys

from mlcoach.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
