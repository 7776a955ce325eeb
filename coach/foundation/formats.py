"""The version of each file format coach writes, declared in one place.

Files written by an older coach stay on people's disks, so a change to what a
file holds is never made in passing: its version here goes up, the module
that reads it keeps reading (or rebuilds) the older files, and the golden
samples are made again (tests/golden/make.py; tests/golden/test_golden.py
fails until then). Each format's own module imports its number from here.

This module imports nothing, so any part of coach can use it.
"""

from __future__ import annotations

#: A record in a month file (`records-YYYY-MM.json`, a TinyDB document), as
#: coach.store.store stores it: the "v" of each record. A typing draft
#: (`typing-SESSION.json`, coach.store.typing) is one such record, so it has this
#: version too; an export carries records of this version.
#: A record may carry "device" (the id of the device that wrote it, coach.store.device)
#: and, when it supersedes others (a revision, a mark, a rest day), "hlc" (its place in
#: their order, coach.store.hlc): optional keys, which an older coach reads past, so the
#: version stays.
RECORD_VERSION = 1

#: This device's id and name (`device.json` in the state directory, coach.store.device):
#: its "v".
DEVICE_VERSION = 1

#: A month's digest (`digests/records-YYYY-MM.json`, coach.store.digest): its "v".
#: A digest of another version is not read: it is made again from its month.
#: 2: with steps done or skipped, rest days, schedules, mood by part of day, gratitude days.
#: 3: with the records of days outside the file's month (left out, not counted).
#: 4: each mood check-in with its routine, which says whether it is a morning's or an
#: evening's. The ledger holds digests (of this version too), so it is made again with them.
#: 5: each rated exercise with its key (which routine step, or which exercise of "I need
#: something now"); records under a reserved routine id ("_now") make no routine's days.
#: 6: with each self-check's day, form and total (never its answers).
#: 7: with each measure step's number, unit and target, by routine and day, and the days
#: marked done or partly done afterwards ("marked"); a rest day is the latest of a day's
#: rest and mark records.
DIGEST_VERSION = 7

#: The digest index (`digests/index.json`, coach.store.months): its "v". An index of
#: another version is not read: it is made again from the digests.
#: 2: with the routines finished each month; 3: with misplaced records.
INDEX_VERSION = 3

#: The routines' series (`digests/series.json`) and the ledger of moods, ratings and
#: activities (`digests/ledger.json`), both coach.store.series: their "v". A file of
#: another version is not read: it is made again from the digests.
#: 2: with each month's self-check totals.
#: 3: with each month's ratings before and after, totalled by exercise.
#: 4: with what each day's measured numbers fell short of their targets, and the routines'
#: days marked done ("m") or partly done ("p") afterwards.
SERIES_VERSION = 4

#: The figures over all history, kept worked out (`digests/all-figures.json`,
#: coach.insight.all_history): its "v". A file of another version is not read: the
#: figures are worked out again.
#: 2: today's activity plans not yet reviewed are counted apart ("waiting"), not as not done.
#: 3: with the routines' parts of the day that split mood into morning and evening.
ALL_FIGURES_VERSION = 3

#: A JSON export (`coach export --format json`, coach.store.export): its "version".
#: `coach import` reads this version and older ones, and refuses newer ones.
EXPORT_VERSION = 1

#: What coach remembers about the support plan (`support-memory.json`,
#: coach.support.memory). The file holds no version of its own (it predates this
#: list): a new optional key needs none, and any other change must add one.
SUPPORT_MEMORY_VERSION = 1
