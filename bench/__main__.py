"""``python -m bench`` runs the harness (same as ``python -m bench.run``)."""

from bench.run import main

raise SystemExit(main())
