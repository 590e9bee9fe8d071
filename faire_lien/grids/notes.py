"""What staff see of a grid result and the person does not: the score, threshold and quintile."""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.schema import AnswerValue, Flow
from dialogs.text import Msg, msg
from faire_lien.grids.labels import orientation_label


def staff_note(flow: Flow, answers: Mapping[str, AnswerValue]) -> Msg:
    """The score line only staff see: score, threshold and quintile when the grid has them, or "not concluded"; and
    the orientation in words (« orientation « pas de besoin repéré » »)."""
    assert flow.scoring is not None
    score = flow.scoring.score(answers)
    orientation = flow.scoring.orientation(answers, score)
    if not orientation.concluded:
        return msg(
            "🔒 Pour le professionnel : grille non concluante (trop peu de réponses pour un score) ; "
            "orientation « {orientation} ».",
            "staff",
            orientation=orientation_label(flow, orientation.id),
        )
    parts = [msg("score {score}", "staff", score=score)]
    if flow.scoring.threshold is not None:
        parts.append(msg("seuil {threshold}", "staff", threshold=flow.scoring.threshold))
    quintile = flow.scoring.quintile(score)
    if quintile is not None:
        parts.append(msg("quintile {quintile}", "staff", quintile=quintile))
    detail = parts[0]
    for part in parts[1:]:
        detail = msg("{first}, {second}", "staff", first=detail, second=part)
    return msg(
        "🔒 Pour le professionnel : {detail} ; orientation « {orientation} ».",
        "staff",
        detail=detail,
        orientation=orientation_label(flow, orientation.id),
    )
