"""The person's settings (`settings.yaml`): read with the routines' YAML checks, used by the
reminders, the support plan, the commands and the app."""
