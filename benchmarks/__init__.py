"""Benchmarks of the hand-written runtime (``make bench`` / ``python -m benchmarks``)."""
