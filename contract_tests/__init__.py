"""Offline contract suite: the generated client and the runtime against the spec-driven mock."""
