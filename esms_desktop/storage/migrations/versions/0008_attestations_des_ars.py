"""Les dossiers déjà enregistrés reçoivent les attestations que demandent les ARS (§8).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Quatre attestations s'ajoutent à la liste (pas de contrat signé avec un éditeur avant la
candidature, commande SONS, mention PNRR, montants TTC) et celle des fonds européens nomme FEDER
et FSE. Un dossier créé avant ne les avait pas : il les reçoit, non cochées, à leur place dans
l'ordre de la liste. Le texte d'une attestation déjà cochée n'est jamais changé (c'est ce qui a
été attesté) ; celui d'une attestation non cochée prend la rédaction actuelle.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The list as it stands at this revision (a migration is a snapshot: later wording changes in
# domain/dossier.py do not rewrite it).
_ATTESTATIONS = (
    (
        "pas_double_financement",
        "Aucun ESSMS du projet n'a déjà été financé par le programme ESMS numérique, "
        "ni son éditeur via SONS pour un autre DUI.",
    ),
    (
        "pas_autres_fonds_ue",
        "Le projet ne bénéficie, pour la même opération, d'aucun autre financement européen "
        "(FEDER, FSE ou autre fonds de l'Union européenne).",
    ),
    (
        "pas_contrat_editeur",
        "Pour les ESSMS en acquisition : les éditeurs ont été consultés et aucun contrat n'a été "
        "signé avec un éditeur avant le dépôt de la candidature.",
    ),
    (
        "commande_sons",
        "Pour les ESSMS en mise en conformité : la mise à jour référencée Ségur de leur DUI n'a "
        "pas fait l'objet d'une commande financée à l'éditeur par le dispositif SONS (sinon, "
        "cette commande est signalée à l'ARS).",
    ),
    (
        "mention_pnrr",
        "Les organismes gestionnaires ont connaissance que ce financement relève du Plan "
        "national de relance et de résilience (PNRR), financé par l'Union européenne — "
        "NextGenerationEU, et s'engagent à le mentionner dans leur communication sur le projet.",
    ),
    (
        "cibles_usage",
        "Les organismes gestionnaires s'engagent à atteindre les cibles d'usage du programme.",
    ),
    ("montants_ttc", "Les montants demandés sont exprimés toutes taxes comprises (TTC)."),
    ("exactitude", "Les informations du présent dossier sont exactes et sincères."),
)
_NEW = ("pas_contrat_editeur", "commande_sons", "mention_pnrr", "montants_ttc")
_OTHERS_FROM = 100
"""Attestations of the dossier that the list does not know keep their order, after the list."""


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, dossier_id, position, attestation_key, accepted FROM attestation")
    ).all()
    order = {key: i for i, (key, _label) in enumerate(_ATTESTATIONS)}
    labels = dict(_ATTESTATIONS)
    present: dict[int, set[str]] = {}
    for row_id, dossier_id, position, key, accepted in rows:
        present.setdefault(dossier_id, set()).add(key)
        new_position = order.get(key, _OTHERS_FROM + position)
        if key in labels and not accepted:
            bind.execute(
                sa.text("UPDATE attestation SET position = :p, label = :l WHERE id = :i"),
                {"p": new_position, "l": labels[key], "i": row_id},
            )
        else:
            bind.execute(
                sa.text("UPDATE attestation SET position = :p WHERE id = :i"),
                {"p": new_position, "i": row_id},
            )
    dossiers = [d for (d,) in bind.execute(sa.text("SELECT id FROM dossier")).all()]
    for dossier_id in dossiers:
        have = present.get(dossier_id, set())
        if not have:
            continue  # a dossier without attestations was written so on purpose: left alone
        for key in _NEW:
            if key not in have:
                bind.execute(
                    sa.text(
                        "INSERT INTO attestation (dossier_id, position, attestation_key, label, "
                        "accepted) VALUES (:d, :p, :k, :l, 0)"
                    ),
                    {"d": dossier_id, "p": order[key], "k": key, "l": labels[key]},
                )


def downgrade() -> None:
    # The added attestations go (unticked ones only: a ticked one was the user's act).
    keys = ", ".join(f"'{k}'" for k in _NEW)
    op.execute(f"DELETE FROM attestation WHERE attestation_key IN ({keys}) AND accepted = 0")
