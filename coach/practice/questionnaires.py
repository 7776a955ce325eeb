"""The PHQ-9 and GAD-7 self-checks, word for word, and their published scoring.

The wording is the forms' own, as the Pfizer-funded forms print it (phqscreeners.com):
- PHQ-9 (Kroenke, Spitzer and Williams, J Gen Intern Med 2001;16:606-613): stem, nine items,
  answer options and the unscored difficulty question as on the form reproduced at
  https://therandomtandem.com/mood-screening-questionnaire-printable-4892 (checked against
  https://mipmclinic.com/patient-health-questionnaire-phq-9/ and the items at
  https://gpmanual.com/mental-health).
- GAD-7 (Spitzer, Kroenke, Williams and Löwe, Arch Intern Med 2006;166:1092-1097): stem and
  seven items as the form printed with the Pfizer note reads them (reproduced at
  https://www.touringmanual.com/resources/generalized-anxiety-disorder-7-item-gad-7-generalized-anxiety-disorder-scale/,
  checked against https://docest.com/doc/420232/ and the paper's item list), "it is" where
  some copies print "it's".
The two stems differ by two words on the forms ("any of" is the PHQ-9's only), and both are
kept as printed. Both forms carry the note that no permission is required to reproduce,
translate, display or distribute them (`REPRODUCTION_NOTE`).

Scoring: the total is the sum of the items (0-3 each). Bands: PHQ-9 0-4 minimal, 5-9 mild,
10-14 moderate, 15-19 moderately severe, 20-27 severe (Kroenke et al. 2001); GAD-7 0-4
minimal, 5-9 mild, 10-14 moderate, 15-21 severe (Spitzer et al. 2006). A change of 5 points
on the PHQ-9 (Kroenke and Löwe) and of 4 on the GAD-7 is taken as a real change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

#: The four answers of every item, in score order: the score is the index.
ANSWERS: tuple[str, ...] = ("Not at all", "Several days", "More than half the days",
                            "Nearly every day")

#: The PHQ-9's last question, asked but not scored, and its four answers.
DIFFICULTY_QUESTION = ("If you checked off any problems, how difficult have these problems "
                       "made it for you to do your work, take care of things at home, or get "
                       "along with other people?")
DIFFICULTY_ANSWERS: tuple[str, ...] = ("Not difficult at all", "Somewhat difficult",
                                       "Very difficult", "Extremely difficult")

REPRODUCTION_NOTE = ("Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke "
                     "and colleagues, with an educational grant from Pfizer Inc. No permission "
                     "required to reproduce, translate, display or distribute.")

Change = Literal["better", "worse", "about the same"]


@dataclass(frozen=True)
class Form:
    """One questionnaire: its items in form order, how it is scored and banded."""

    key: str
    #: "PHQ-9", as the form names itself.
    name: str
    #: What it is about, in a word, for menus: "mood", "anxiety".
    about: str
    stem: str
    items: tuple[str, ...]
    #: (lowest total, band) in ascending order; a band runs up to the next one's lowest.
    bands: tuple[tuple[int, str], ...]
    #: The smallest difference between two totals that counts as a real change.
    real_change: int
    #: Whether the unscored difficulty question follows the items.
    asks_difficulty: bool = False

    @property
    def max_total(self) -> int:
        return 3 * len(self.items)


PHQ9 = Form(
    key="phq9", name="PHQ-9", about="mood",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
         "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or "
        "your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching "
        "television",
        "Moving or speaking so slowly that other people could have noticed? Or the "
        "opposite — being so fidgety or restless that you have been moving around a lot "
        "more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"),
           (20, "severe")),
    real_change=5,
    asks_difficulty=True,
)

GAD7 = Form(
    key="gad7", name="GAD-7", about="anxiety",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
    real_change=4,
)

FORMS: dict[str, Form] = {PHQ9.key: PHQ9, GAD7.key: GAD7}

#: The PHQ-9 item (0-based) on thoughts of being better off dead or of self-harm.
ITEM_9 = 8


def form_named(key: str) -> Form:
    """The form by its key ("phq9", "gad7"); KeyError for another."""
    return FORMS[key]


def total(form: Form, answers: Sequence[int]) -> int:
    """The sum of the answers; ValueError unless there is one answer 0-3 for each item."""
    if len(answers) != len(form.items):
        raise ValueError(f"the {form.name} has {len(form.items)} items; {len(answers)} "
                         "answers were given")
    for answer in answers:
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 3:
            raise ValueError(f"each answer is 0, 1, 2 or 3; found {answer!r}")
    return sum(answers)


def band(form: Form, score: int) -> str:
    """The band a total falls in ("mild"); ValueError outside 0 to the form's maximum."""
    if isinstance(score, bool) or not 0 <= score <= form.max_total:
        raise ValueError(f"a {form.name} total is 0 to {form.max_total}; found {score!r}")
    return next(name for lowest, name in reversed(form.bands) if score >= lowest)


def change_between(form: Form | str, earlier_total: int, later_total: int) -> Change:
    """"better" or "worse" when the totals differ by the form's real change or more (a
    lower total is better), else "about the same"."""
    form = form_named(form) if isinstance(form, str) else form
    difference = later_total - earlier_total
    if difference <= -form.real_change:
        return "better"
    if difference >= form.real_change:
        return "worse"
    return "about the same"


def needs_follow_up(answers: Sequence[int]) -> bool:
    """Whether PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) was
    answered above 0: it calls for follow-up whatever the total."""
    total(PHQ9, answers)
    return answers[ITEM_9] > 0


def result_words(form: Form, score: int) -> str:
    """"Your total: 7 of 27, in the mild range." """
    return f"Your total: {score} of {form.max_total}, in the {band(form, score)} range."


NOT_A_DIAGNOSIS = "This is a self-check to bring to a professional, not a diagnosis."
