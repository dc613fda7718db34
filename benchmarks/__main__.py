"""``python -m benchmarks``: see ``benchmarks.run``."""

import sys

from .run import main

sys.exit(main())
