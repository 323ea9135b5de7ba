"""`python -m regulations` runs the command line."""

from regulations.cli.main import main

raise SystemExit(main())
