"""Background work through one task mechanism (huey), recorded for the operator."""
