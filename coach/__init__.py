"""coach: a calm terminal coach for daily mental-health routines."""

__version__ = "0.1.0"
