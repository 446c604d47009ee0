"""``python -m bot`` is the ``tradefacts`` command."""

from bot.cli import main

raise SystemExit(main())
