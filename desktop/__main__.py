"""``python -m desktop`` and the packaged app's entry point: the ``fieldbook`` command."""

import sys

from desktop.app import main

sys.exit(main())
