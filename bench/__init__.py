"""Benchmarks: a deterministic national-scale data generator and the ``make bench`` harness."""
