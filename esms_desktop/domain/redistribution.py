"""What the porteur receives and passes on: each OG's share of the budget, to the cent.

The funds are paid to the porteur, who passes each member its share (programme.md §8). An OG's
share is what its own lines say, plus a part of the project lines:

* its **ESSMS amounts**: the lines of its funded ESSMS (editor lines included: they are part of
  the project's total; ``editor`` says how much of the share they are);
* its **per-OG lines** (support of a small OG…);
* a **share of the project lines** (procurement support, steering), pro rata of the known funded
  ESSMS amounts of each OG; when no ESSMS amount is known yet, pro rata of the number of funded
  ESSMS; when no ESSMS is funded, all to the porteur.

Cents are shared by the largest-remainder method (ties to the OG listed first), so the shares
add up to the project lines exactly, the OGs' amounts to the budget's total, each tranche's
column to the budget's tranche and each OG's tranches to its amount. Only known amounts are
shared: an OG whose lines are not all known is marked ``complete = False`` (its amount is then a
floor, to print « à renseigner »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from esms_desktop.domain.budget import CENT, Budget, to_cents


@dataclass(frozen=True, slots=True)
class OgShare:
    """One OG's part of the budget: its ESSMS, its lines, its share of the project lines."""

    og: str
    essms: tuple[tuple[str, str], ...]
    """(FINESS, name) of its funded ESSMS, in the order entered."""
    essms_amount: Decimal
    og_lines: Decimal
    project_share: Decimal
    tranches: tuple[Decimal, ...]
    complete: bool
    editor: Decimal = Decimal(0)
    """The part of ``essms_amount`` paid for the editor (lines whose payee is the editor)."""

    @property
    def amount(self) -> Decimal:
        return self.essms_amount + self.og_lines + self.project_share

    @property
    def essms_count(self) -> int:
        return len(self.essms)


@dataclass(frozen=True, slots=True)
class Redistribution:
    """Every OG's share, the project lines shared and the tranche labels, for one budget."""

    shares: tuple[OgShare, ...]
    project_lines: Decimal
    total: Decimal
    tranche_labels: tuple[str, ...]
    tranche_pcts: tuple[Decimal, ...]
    complete: bool
    rule: str

    def share_of(self, og: str) -> OgShare | None:
        return next((s for s in self.shares if s.og == og), None)


RULE = (
    "Chaque organisme reçoit les montants de ses ESSMS financés et ses lignes propres ; les "
    "lignes du projet sont réparties au prorata des montants des ESSMS financés de chaque "
    "organisme (arrondi au centime, la somme des parts égale le total)."
)


def largest_remainder(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` (in cents) split pro rata of ``weights``, each part rounded to the cent so the
    parts add up to ``total`` exactly; leftover cents go to the largest remainders, ties to the
    first. All weights zero (or none positive): everything to the first part."""
    total = to_cents(total)
    if not weights:
        return []
    positive = [w if w > 0 else Decimal(0) for w in weights]
    weight_sum = sum(positive, Decimal(0))
    if weight_sum == 0:
        return [total if i == 0 else Decimal(0) for i in range(len(weights))]
    exact = [total * w / weight_sum for w in positive]
    floors = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    left = int((total - sum(floors, Decimal(0))) / CENT)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return floors


def redistribute(budget: Budget, og_names: Sequence[str] = (), porteur: str = "") -> Redistribution:
    """Each OG's share of ``budget`` (see the module's rule).

    ``og_names`` is the grappe's order of OGs (an OG without funded ESSMS still appears, with
    0 €); OGs the budget names and the list does not are added after. ``porteur`` receives the
    project lines when no ESSMS is funded.
    """
    names: list[str] = list(dict.fromkeys(og_names))
    for e in budget.establishments:
        if e.og_name not in names:
            names.append(e.og_name)
    for line in budget.og_lines:
        if line.og not in names:
            names.append(line.og)
    if porteur and porteur in names:  # project lines of an unfunded grappe: to the porteur
        names.remove(porteur)
        names.insert(0, porteur)

    essms: dict[str, list[tuple[str, str]]] = {n: [] for n in names}
    amounts = {n: Decimal(0) for n in names}
    editor = {n: Decimal(0) for n in names}
    own = {n: Decimal(0) for n in names}
    complete = {n: True for n in names}
    for e in budget.establishments:
        if not e.funded:
            continue
        essms[e.og_name].append((e.finess, e.name))
        for line in e.lines:
            if line.amount is None:
                complete[e.og_name] = False
                continue
            amounts[e.og_name] += line.amount
            if line.payee == "editeur":
                editor[e.og_name] += line.amount
    project_total = Decimal(0)
    project_complete = True
    for line in budget.project_lines:
        if line.og:
            if line.amount is None:
                complete[line.og] = False
            else:
                own[line.og] += line.amount
        elif line.amount is None:
            project_complete = False
        else:
            project_total += line.amount

    if any(amounts[n] > 0 for n in names):
        weights = [amounts[n] for n in names]
    else:
        weights = [Decimal(len(essms[n])) for n in names]
    shared = largest_remainder(project_total, weights)
    project = dict(zip(names, shared, strict=True))

    totals = [to_cents(amounts[n] + own[n] + project[n]) for n in names]
    columns = [t.amount for t in budget.tranches]
    per_og: list[list[Decimal]] = [[] for _ in names]
    for j, column in enumerate(columns):
        if j == len(columns) - 1:
            parts = [totals[i] - sum(per_og[i], Decimal(0)) for i in range(len(names))]
        else:
            parts = largest_remainder(column, totals)
        for i, part in enumerate(parts):
            per_og[i].append(part)

    shares = tuple(
        OgShare(
            og=n,
            essms=tuple(essms[n]),
            essms_amount=to_cents(amounts[n]),
            og_lines=to_cents(own[n]),
            project_share=project[n],
            tranches=tuple(per_og[i]),
            complete=complete[n] and project_complete,
            editor=to_cents(editor[n]),
        )
        for i, n in enumerate(names)
    )
    return Redistribution(
        shares=shares,
        project_lines=to_cents(project_total),
        total=budget.total,
        tranche_labels=tuple(t.label for t in budget.tranches),
        tranche_pcts=tuple(t.pct for t in budget.tranches),
        complete=budget.complete,
        rule=RULE,
    )
