"""Fuzzing hostile input: mutators, the harness, the targets (issue 17 point 2)."""
