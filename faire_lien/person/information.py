"""Plain information pages anyone may read, without consent: PUMa, C2S, AME, urgent care, the free check-up.

Facts and sources: `/work/shared/domain/rights-rules.md` summarised for the public (CSS L160-1, L861-1,
CASF L251-1, L254-1, CSS L321-3). Phone numbers and where to ask come from the configuration
(`Contacts`), so each service shows its own.
"""

from __future__ import annotations

from dialogs.reply import Reply
from dialogs.text import Msg, msg
from faire_lien import routes
from faire_lien.core import screens
from faire_lien.core.contacts import Contacts
from faire_lien.core.turn import Turn

PAGES: dict[str, tuple[Msg, Msg]] = {
    "puma": (
        msg("🏥 Assurance maladie (PUMa)", "information"),
        msg(
            "La protection universelle maladie (PUMa) rembourse vos soins si vous travaillez en France, ou si "
            "vous y vivez de façon stable et régulière depuis plus de 3 mois. Certaines personnes n'attendent "
            "pas 3 mois (par exemple avec le RSA, l'AAH, des prestations familiales, ou réfugiées).\n\n"
            "Sans carte Vitale ni attestation, demandez-les à votre caisse d'assurance maladie (CPAM).",
            "information",
        ),
    ),
    "c2s": (
        msg("💶 Complémentaire santé solidaire (C2S)", "information"),
        msg(
            "La complémentaire santé solidaire (C2S) paie ce que l'assurance maladie ne rembourse pas : "
            "consultations, médicaments, lunettes, prothèses dentaires. Elle est gratuite ou coûte moins de "
            "1 € par jour et par personne, selon les ressources du foyer sur 12 mois. Elle dure un an : "
            "pensez à la renouveler deux mois avant la fin.\n\n"
            "La demande se fait sur ameli.fr ou auprès de votre CPAM.",
            "information",
        ),
    ),
    "ame": (
        msg("🩺 Aide médicale de l'État (AME)", "information"),
        msg(
            "L'aide médicale de l'État (AME) prend en charge les soins des personnes étrangères sans titre de "
            "séjour qui vivent en France depuis plus de 3 mois (sans délai pour les enfants) et dont les "
            "ressources sont faibles. La première demande se fait en personne, à la CPAM. Elle dure un an.",
            "information",
        ),
    ),
    "urgent": (
        msg("🚑 Soins urgents", "information"),
        msg(
            "Sans couverture (moins de 3 mois en France, AME en attente ou refusée), l'hôpital soigne ce qui "
            "est urgent : ce qui met la vie en danger, la grossesse et le bébé, les maladies contagieuses. "
            "À l'hôpital, demandez la PASS (permanence d'accès aux soins de santé) : elle vous soigne et vous "
            "aide pour vos droits.\n\n"
            "Urgence vitale : appelez le 15 (ou le 112).",
            "information",
        ),
    ),
    "checkup": (
        msg("🩻 Bilan de santé gratuit", "information"),
        msg(
            "L'examen de prévention en santé est gratuit à partir de 16 ans pour les assuré·es du régime "
            "général, dans un centre d'examens de santé de l'assurance maladie. Il dure environ 2 heures, "
            "à jeun pour la prise de sang. Les rencontres de ce service permettent souvent de le réserver.",
            "information",
        ),
    ),
}
"""Key → (button label, page text); the order is the order of the buttons."""

ASK = msg(
    "Où demander : l'assurance maladie au {phone} (service gratuit + prix d'un appel), ou sur ameli.fr.", "information"
)
LOCAL = msg("Près de chez vous : {service}, {phone}.", "information")
CHOOSE = msg("Quelle information voulez-vous lire ?", "information")
NOT_ADVICE = msg(
    "Ces pages donnent des repères généraux. Pour votre situation, faites le bilan de droits ou demandez à l'équipe.",
    "information",
)


def index(turn: Turn) -> list[Reply]:
    """A button per page, then back to the menu."""
    t = turn.t
    rows = tuple((routes.INFO_PAGE.button(t(label), key),) for key, (label, _text) in PAGES.items())
    return [Reply(f"{t(CHOOSE)}\n\n{t(NOT_ADVICE)}", (*rows, (routes.MENU.button(t(screens.MENU_BUTTON), "main"),)))]


def page(turn: Turn, key: str, contacts: Contacts) -> list[Reply]:
    """One page with where to ask, then the list of pages again; numbers to call as configured (a tap dials them)."""
    t = turn.t
    label, text = PAGES[key]
    lines = [t(label), t(text), t(ASK.bind(phone=contacts.health_insurance_phone))]
    if contacts.local_service and contacts.local_phone:
        lines.append(t(LOCAL.bind(service=contacts.local_service, phone=contacts.local_phone)))
    return [Reply("\n\n".join(lines)), *index(turn)]
