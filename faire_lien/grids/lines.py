"""One grid result as staff read it on the command line: French words, Paris time, never a person's number."""

from __future__ import annotations

from dialogs.i18n import Translator
from dialogs.schema import Flow
from dialogs.text import Msg, msg
from faire_lien.cases.texts import when
from faire_lien.grids.labels import orientation_label
from storage.models import GridResult
from storage.statuses import AnsweredBy

RESULT_LINE = msg(
    "• {when} · {result} · orientation : {orientation} · réponses données par {by} · version de la grille : {version}",
    "staff",
)
SCORE = msg("score {score}", "staff")
SCORE_QUINTILE = msg("score {score}, quintile {quintile}", "staff")
NOT_CONCLUDED = msg("non concluante", "staff")
"""In place of the score of a grid answered too little to conclude (a 0 there would read as "no sign")."""
ANSWERED_BY: dict[AnsweredBy, Msg] = {
    "person": msg("la personne", "staff"),
    "mediator": msg("une médiatrice ou un médiateur", "staff"),
}
NO_RESULT = msg("Aucun résultat pour la grille {grid}.", "staff")


def result_line(result: GridResult, flow: Flow, t: Translator) -> str:
    """ "• mar. 13 octobre 12:00 · score 3, quintile 2 · orientation : pas de besoin repéré · réponses données par
    la personne · version de la grille : 1": what the console's results table shows, on one line."""
    scoring = flow.scoring
    assert scoring is not None
    quintile = scoring.quintile(result.score)
    score = t.format(result.score)
    found = SCORE_QUINTILE.bind(score=score, quintile=quintile) if quintile else SCORE.bind(score=score)
    return t(
        RESULT_LINE.bind(
            when=when(result.created_at, t),
            result=found if scoring.concluded(result.orientation) else NOT_CONCLUDED,
            orientation=orientation_label(flow, result.orientation),
            by=ANSWERED_BY[result.answered_by],
            version=result.grid_version,
        )
    )
