"""The person's support plan (a safety plan in the Stanley-Brown order), its loader, and the
safety-net rule that offers it when check-ins stay low. Plain Python: no Textual, no Rich."""
