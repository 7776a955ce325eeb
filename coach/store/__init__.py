"""Storage of everything a person records, in TinyDB JSON files under the data directory.

The rest of coach uses `Store`; nothing else touches the files.
"""

from coach.store.months import StoreError
from coach.store.store import Store

__all__ = ["Store", "StoreError"]
