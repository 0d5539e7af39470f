"""`python -m desktop` runs the `kiennghi` command."""

from desktop.cli import main

raise SystemExit(main())
