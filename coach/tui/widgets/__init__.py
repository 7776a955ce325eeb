"""Small widgets shared by the step widgets."""
