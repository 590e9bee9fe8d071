"""Why a staff grid or survey file was left out, in the console reader's language, with where in the file.

The command line prints each problem as `flows check` finds it (English, for whoever edits the file); the console
writes the common ones (`dialogs/problems.py`) as a sentence of its reader's language, and any other as a
general sentence followed by that technical detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.loader import FlowError
from web.console.i18n import N_
from web.console.pages import Page

YAML = N_(
    "Le fichier n'est pas écrit en YAML valide : vérifiez l'indentation, les deux-points, les guillemets et les "
    "crochets à cet endroit ou juste avant."
)
REASONS = {
    "unreadable": N_("Le fichier ne peut pas être lu : enregistrez-le comme texte (UTF-8)."),
    "yaml": YAML,
    "yaml_line": YAML,
    "not_mapping": N_(
        "Le fichier doit être une suite de champs « nom: valeur » (id, version, title, steps…), comme les grilles "
        "livrées avec faire-lien."
    ),
    "missing": N_("Le champ obligatoire « {field} » manque."),
    "unknown_kind": N_("« {kind} » n'est pas un type d'étape. Types possibles : {known}."),
    "min_max": N_("Le minimum ({min}) est plus grand que le maximum ({max})."),
    "threshold_unreached": N_("Aucun score n'atteint le seuil ({threshold}) : les scores vont de {low} à {high}."),
    "threshold_under": N_("Tous les scores dépassent le seuil ({threshold}) : les scores vont de {low} à {high}."),
    "duplicate_step": N_("Cet identifiant d'étape est utilisé plusieurs fois : chaque étape doit avoir le sien."),
    "duplicate_flow": N_(
        "L'identifiant « {flow} » est déjà celui d'un autre fichier ({other}) : donnez à celui-ci un identifiant à lui."
    ),
    "unknown_next": N_("« next » mène à « {target} », qui n'est ni une étape de ce fichier ni « end »."),
}
"""The problems written in words, by code; their {placeholders} are the problem's parameters."""
OTHER = N_("Le fichier a une erreur que la console ne sait pas encore dire en mots simples.")
STEP = N_("étape « {step} »")
LINE = N_("ligne {line}")


@dataclass(frozen=True)
class Explained:
    """One problem as the page shows it: the file, where in it, the sentence, and the technical detail when the
    sentence alone does not say it all."""

    file: str
    place: str
    text: str
    detail: str


def explained(current: Page, problem: FlowError) -> Explained:
    """A left-out file's problem in the reader's language (a general sentence and the detail for an uncommon one)."""
    params = problem.params
    places = [current.text(STEP, step=problem.step)] if problem.step else []
    if "line" in params:
        places.append(current.text(LINE, line=str(params["line"])))
    wanted = REASONS.get(problem.code)
    if wanted is None:
        return Explained(problem.file, ", ".join(places), current.text(OTHER), problem.reason)
    detail = str(params.get("problem", ""))  # PyYAML's own words, for a syntax error
    return Explained(problem.file, ", ".join(places), current.text(wanted, **params), detail)
