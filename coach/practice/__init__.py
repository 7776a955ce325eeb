"""The practices coach guides: their parameters, scripts and timing, free of any UI."""
