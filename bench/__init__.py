"""The bench (speed work): a deterministic national-scale data generator and the ``make bench`` harness."""
