"""Allow `python -m coach`."""

from coach.main import main

main()
