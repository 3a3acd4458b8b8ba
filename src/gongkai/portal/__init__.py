"""Public pages of the disclosure platform."""
