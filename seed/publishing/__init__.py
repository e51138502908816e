"""The published data: official statistics for every English area, built from the raw files.

``python -m seed.build_published --from ../shared/realdata`` runs the source modules in
``seed.publishing.sources`` (one per publisher file family), checks their rows and writes compact,
deterministic files under ``seed/published/``. The app reads only those files (through
``seed.loader``), never the raw ones.
"""
