"""Chaque dossier a sa ligne de porteur et sa ligne de solution DUI.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10

Un dossier sans ces lignes (base écrite à la main ou par un autre programme) se lisait déjà avec
un porteur et une solution vides ; l'enregistrement, qui ne fait plus que mettre à jour les
lignes qui changent, compte désormais sur leur présence : elles sont créées, vides, pour les
dossiers qui n'en ont pas. Aucune donnée existante n'est modifiée.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_PORTEUR_TEXT = (
    "name", "legal_status", "siren", "siret", "finess_ej", "address", "postal_code", "town",
    "legal_representative", "legal_representative_title", "project_lead", "contact_email",
    "contact_phone",
)  # fmt: skip
_SOLUTION_TEXT = ("editor", "product", "segur_reference", "justification")


def upgrade() -> None:
    blanks = ", ".join("''" for _ in _PORTEUR_TEXT)
    op.execute(
        f"INSERT INTO porteur (dossier_id, {', '.join(_PORTEUR_TEXT)}) "
        f"SELECT id, {blanks} FROM dossier "
        "WHERE id NOT IN (SELECT dossier_id FROM porteur)"
    )
    blanks = ", ".join("''" for _ in _SOLUTION_TEXT)
    op.execute(
        f"INSERT INTO dui_solution (dossier_id, segur_referenced, {', '.join(_SOLUTION_TEXT)}) "
        f"SELECT id, NULL, {blanks} FROM dossier "
        "WHERE id NOT IN (SELECT dossier_id FROM dui_solution)"
    )


def downgrade() -> None:
    # The rows added are indistinguishable from a porteur left blank by the user: kept (0004
    # reads them as it reads any other).
    pass
