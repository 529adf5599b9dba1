"""Eligibility of a grappe to one campaign: explained findings and the ESSMS that count.

The engine never refuses to answer: a bad row is reported and left out of the count, a rule not
met becomes a finding whose severity the campaign file decides, and a condition the data cannot
tell (the Ségur referencing, say) is "à vérifier" rather than a silent pass or a block. What only
the user can state (an ESSMS keeping its GHT's DUI, an editor registered at the referencing
office) comes in as :class:`Declarations`; until it is declared, the rule stays "à vérifier".
"""

from __future__ import annotations

from dataclasses import dataclass

from esms_desktop.domain.campaign import Campaign, RegionRules, Threshold, ValueStatus
from esms_desktop.domain.findings import Finding, Severity, is_blocking
from esms_desktop.domain.geography import regions_of
from esms_desktop.domain.grappe import (
    DuiSituation,
    Establishment,
    Grappe,
    Organisation,
    ProjectType,
    only_small_ogs,
    solution_key,
)
from esms_desktop.domain.identifiers import (
    check_finess,
    finess_department,
    is_island_or_overseas,
    normalise,
)
from esms_desktop.domain.nomenclature import Category, CategoryEligibility, Nomenclature


@dataclass(frozen=True, slots=True)
class RowStatus:
    """One ESSMS row as the engine sees it: counted or not, and why not."""

    index: int
    og: Organisation
    establishment: Establishment
    category: Category
    counted: bool
    reason: str = ""

    @property
    def finess(self) -> str:
        return self.establishment.finess


@dataclass(frozen=True, slots=True)
class Declarations:
    """What the user declares for rules the grappe's data cannot tell.

    ``ght_essms``: FINESS of the ESSMS attached to a GHT that keep the hospital's DUI (an
    exception of the calls from 2023, declared per ESSMS). ``editor_registered``: the DUI's
    editor is registered at the Ségur referencing office on the date the ARS convention is signed
    (what an AHI project needs in 2025); ``None`` while nobody declared it.
    """

    ght_essms: frozenset[str] = frozenset()
    editor_registered: bool | None = None


NO_DECLARATIONS = Declarations()


@dataclass(frozen=True, slots=True)
class Eligibility:
    campaign_id: str
    findings: tuple[Finding, ...]
    rows: tuple[RowStatus, ...]
    regions: tuple[str, ...] = ()
    """Regions of the counted ESSMS (from their department), for the size rules by region."""

    @property
    def eligible(self) -> bool:
        return not is_blocking(self.findings)

    @property
    def counted(self) -> tuple[RowStatus, ...]:
        return tuple(r for r in self.rows if r.counted)

    @property
    def counted_establishments(self) -> int:
        return len(self.counted)

    def findings_for(self, finess: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.finess == finess)


def _rule(
    campaign: Campaign, what: str, threshold: Threshold | None = None, source: str = ""
) -> str:
    text = f"{campaign.id} · {what}"
    if threshold is not None:
        text += f" ({threshold.value}"
        if threshold.source:
            text += f" — {threshold.source}"
        text += ")"
    elif source:
        text += f" ({source})"
    return text


def exclusion(
    est: Establishment, category: Category, seen: dict[str, int]
) -> tuple[str, str, str] | None:
    """Why a row is left out of the count, as (code, message, rule), or None when it counts."""
    if not est.finess:
        return (
            "finess_absent",
            "pas de FINESS géographique ; une structure sans FINESS propre n'est pas éligible et "
            "n'est pas comptée.",
            "financement par FINESS géographique",
        )
    check = check_finess(est.finess)
    if not check.ok:
        return (
            "finess_invalide",
            f"{check.problem} ; ligne non comptée tant que le numéro n'est pas corrigé.",
            "FINESS géographique valide",
        )
    if check.value in seen:
        return (
            "finess_en_double",
            f"FINESS déjà présent à la ligne {seen[check.value] + 1} du projet ; compté une seule "
            "fois.",
            "un FINESS géographique compte une fois",
        )
    kind = category.eligibility
    if kind is CategoryEligibility.USLD:
        return (
            "categorie_usld",
            "une USLD (catégorie 362) relève du sanitaire et n'est jamais éligible, même "
            "rattachée à un EHPAD ; ligne non comptée.",
            "périmètre ESSMS (CASF L312-1), FAQ ESMS numérique",
        )
    if kind is CategoryEligibility.NOT_MEDICO_SOCIAL:
        return (
            "categorie_hors_medico_social",
            f"la catégorie {category.display} n'est pas un ESSMS (domaine {category.domain}) ; "
            "ligne non comptée.",
            "périmètre ESSMS (CASF L312-1)",
        )
    return None


def _row_statuses(
    grappe: Grappe, campaign: Campaign, nomenclature: Nomenclature, out: list[Finding]
) -> list[RowStatus]:
    rows: list[RowStatus] = []
    seen: dict[str, int] = {}
    for index, (og, est) in enumerate(grappe.rows()):
        who = f"{est.name or 'ESSMS sans nom'} ({est.finess or 'sans FINESS'}, {og.name})"
        category = nomenclature.get(est.category)
        excluded = exclusion(est, category, seen)
        if excluded is None and campaign.scope.no_double_funding and est.already_funded:
            excluded = (
                "deja_finance",
                "déclaré déjà financé (programme ESMS numérique ou SONS pour un autre DUI) : "
                "pas de double financement, ligne non comptée.",
                "pas de double financement",
            )
        if excluded is not None:
            code, message, rule = excluded
            rows.append(RowStatus(index, og, est, category, False, message))
            out.append(
                Finding(
                    code,
                    Severity.AVERTISSEMENT,
                    f"{who} : {message}",
                    _rule(campaign, rule),
                    est.finess,
                    og.name,
                )
            )
            continue
        seen[check_finess(est.finess).value] = index
        if category.eligibility is CategoryEligibility.UNKNOWN:
            out.append(
                Finding(
                    "categorie_inconnue",
                    Severity.AVERTISSEMENT,
                    f"{who} : catégorie « {category.code} » absente de la nomenclature FINESS "
                    "connue ; acceptée, vérifiez qu'il s'agit bien d'un ESSMS.",
                    _rule(campaign, "catégorie FINESS"),
                    est.finess,
                    og.name,
                )
            )
        rows.append(RowStatus(index, og, est, category, True))
    return rows


def evaluate(
    grappe: Grappe,
    campaign: Campaign,
    nomenclature: Nomenclature,
    declarations: Declarations = NO_DECLARATIONS,
) -> Eligibility:
    """Check ``grappe`` against every rule of ``campaign``; findings come in a stable order."""
    findings: list[Finding] = []
    if grappe.porteur is None:
        findings.append(
            Finding(
                "porteur_absent",
                Severity.BLOQUANT,
                "Aucun organisme gestionnaire n'est désigné comme porteur du projet : "
                "indiquez le porteur (rôle « porteur »).",
                _rule(campaign, "un porteur par projet"),
            )
        )
    elif sum(1 for o in grappe.organisations if o.role is grappe.porteur.role) > 1:
        findings.append(
            Finding(
                "porteurs_multiples",
                Severity.BLOQUANT,
                "Plusieurs organismes sont désignés comme porteur : un seul porte le projet.",
                _rule(campaign, "un porteur par projet"),
            )
        )
    rows = _row_statuses(grappe, campaign, nomenclature, findings)
    counted = [r for r in rows if r.counted]
    if not counted:
        # An empty grappe (or one whose every row is left out) is never eligible, whatever
        # the campaign's size rules say: there is nothing to fund.
        findings.append(
            Finding(
                "aucun_essms_compte",
                Severity.BLOQUANT,
                "Aucun ESSMS n'est compté dans la grappe : ajoutez au moins un ESSMS éligible "
                "(FINESS géographique valide, catégorie médico-sociale).",
                _rule(campaign, "au moins un ESSMS éligible"),
            )
        )
    regions = regions_of(finess_department(r.finess) for r in counted)
    findings += _scope_findings(campaign, counted)
    findings += _size_findings(grappe, campaign, counted, regions)
    findings += _solution_findings(grappe, campaign, counted, declarations)
    findings += _row_notes(campaign, counted)
    findings += _dui_pair_findings(campaign, counted)
    findings += _undeclared_size_findings(campaign, counted)
    findings += _reminders(campaign, counted)
    return Eligibility(campaign.id, tuple(findings), tuple(rows), regions)


def _scope_findings(campaign: Campaign, counted: list[RowStatus]) -> list[Finding]:
    priority = campaign.scope.priority_sectors
    if not priority or not counted:
        return []
    others = [r for r in counted if r.category.sector.value not in priority]
    if not others:
        return []
    names = ", ".join(r.establishment.name for r in others)
    sectors = " et ".join(priority)
    rule = _rule(campaign, f"priorité aux secteurs {sectors}")
    if 2 * len(others) >= len(counted):
        return [
            Finding(
                "secteurs_hors_priorite_majoritaires",
                Severity.AVERTISSEMENT,
                f"{len(others)} ESSMS sur {len(counted)} ne relèvent pas des secteurs prioritaires "
                f"({sectors}) : ils devraient rester minoritaires ({names}).",
                rule,
            )
        ]
    return [
        Finding(
            "secteurs_hors_priorite",
            Severity.INFO,
            f"{len(others)} ESSMS hors secteurs prioritaires ({sectors}), admis en minorité : "
            f"{names}.",
            rule,
        )
    ]


def _size_findings(
    grappe: Grappe, campaign: Campaign, counted: list[RowStatus], regions: tuple[str, ...]
) -> list[Finding]:
    several = len(regions) > 1
    by_regions = campaign.size.regions_rules(several)
    size = campaign.size.for_regions(several)
    n = len(counted)
    island = bool(counted) and all(is_island_or_overseas(r.finess) for r in counted)
    out: list[Finding] = []
    if by_regions is not None and not by_regions.accepted and counted:
        out.append(_regions_refused(campaign, by_regions, regions, several))
    minimum = size.min_essms_island if island and size.min_essms_island else size.min_essms
    if minimum is not None and n < minimum.value:
        where = " (tous en Corse ou outre-mer)" if island else ""
        island_hint = (
            f" ({size.min_essms_island.value} si tous les ESSMS sont en Corse ou outre-mer)"
            if size.min_essms_island and not island
            else ""
        )
        severity = Severity(size.min_severity)
        if campaign.kind == "national":
            advice = " Un projet de cette taille relève de l'appel régional de votre ARS."
        elif size.min_note:
            advice = f" {size.min_note}"
        elif severity is Severity.AVERTISSEMENT:
            advice = " Ce seuil est apprécié avec souplesse : justifiez la taille de la grappe."
        else:
            advice = " Ajoutez des ESSMS ou des organismes partenaires à la grappe."
        out.append(
            Finding(
                "taille_insuffisante",
                severity,
                f"Le projet compte {n} ESSMS éligible{'s' if n > 1 else ''}{where} ; "
                f"il en faut au moins {minimum.value}{island_hint}.{advice}",
                _rule(campaign, "taille minimale", minimum),
            )
        )
    if size.max_essms is not None and n > size.max_essms.value:
        advice = f" (campagne « {size.max_advice} »)" if size.max_advice else ""
        spread = ""
        if by_regions is not None:
            spread = (
                f" répartis sur plusieurs régions ({', '.join(regions)})"
                if several
                else " dans une seule région"
            )
        out.append(
            Finding(
                "taille_appel_national",
                Severity.BLOQUANT,
                f"Le projet compte {n} ESSMS éligibles{spread} ; au-delà de "
                f"{size.max_essms.value}, il relève de l'appel national{advice}, pas de cet appel "
                "régional.",
                _rule(campaign, "taille maximale", size.max_essms),
            )
        )
    with_project = [r for r in counted if r.establishment.project is not ProjectType.AUCUN]
    if size.funded_cap is not None and len(with_project) > size.funded_cap.value:
        out.append(
            Finding(
                "plafond_essms",
                Severity.AVERTISSEMENT,
                f"{len(with_project)} ESSMS ont un projet DUI ; {size.funded_cap.value} au plus "
                "sont financés : les montants les plus élevés sont retenus, à égalité dans "
                "l'ordre de saisie, les autres sont « non financés (plafond) ».",
                _rule(campaign, "plafond d'ESSMS financés", size.funded_cap),
            )
        )
    out += _og_count_findings(grappe, campaign, counted, island)
    if size.multi_region_note and several:
        out.append(
            Finding(
                "multi_regions",
                Severity.INFO,
                f"La grappe s'étend sur plusieurs régions ({', '.join(regions)}). "
                f"{size.multi_region_note}",
                _rule(campaign, "projets multirégionaux"),
            )
        )
    return out


def _regions_refused(
    campaign: Campaign, rules: RegionRules, regions: tuple[str, ...], several: bool
) -> Finding:
    """A call that takes no grappe of this shape: one region for a multi-region national call."""
    advice = f" (campagne « {rules.advice} »)" if rules.advice else ""
    if several:
        message = (
            f"La grappe s'étend sur plusieurs régions ({', '.join(regions)}) : cet appel ne prend "
            f"que les grappes d'une seule région{advice}."
        )
        what = "grappes réparties sur plusieurs régions"
    else:
        where = f" ({regions[0]})" if regions else ""
        message = (
            f"Tous les ESSMS de la grappe sont dans une seule région{where} : cet appel ne prend "
            "que les grappes réparties sur plusieurs régions ; la grappe relève de l'appel "
            f"régional de son ARS{advice}."
        )
        what = "grappes d'une seule région"
    source = rules.source
    if rules.status is ValueStatus.A_CONFIRMER:
        source = ValueStatus.A_CONFIRMER.label + (f" — {source}" if source else "")
    return Finding(
        "regions_hors_appel", Severity.BLOQUANT, message, _rule(campaign, what, source=source)
    )


def _og_count_findings(
    grappe: Grappe, campaign: Campaign, counted: list[RowStatus], island: bool
) -> list[Finding]:
    size = campaign.size
    rule = (
        size.small_og_min_ogs_island
        if island and size.small_og_min_ogs_island
        else (size.small_og_min_ogs)
    )
    if rule is None or not only_small_ogs(grappe):
        return []  # an OG of 15 ESSMS or more may apply alone or lead small partners
    ogs = {id(r.og) for r in counted}
    if len(ogs) >= rule.value:
        return []
    where = " en Corse ou outre-mer" if island else ""
    return [
        Finding(
            "petits_og_insuffisants",
            Severity.BLOQUANT,
            f"La grappe ne réunit que des petits OG (moins de 15 ESSMS chacun) et en compte "
            f"{len(ogs)} avec des ESSMS éligibles ; il en faut au moins {rule.value}{where}. "
            "Ajoutez des partenaires, ou un OG de 15 ESSMS ou plus.",
            _rule(campaign, "grappe de petits OG", rule),
        )
    ]


def _ght_rows(
    campaign: Campaign, counted: list[RowStatus], declarations: Declarations
) -> tuple[set[int], list[Finding]]:
    """Rows declared as keeping their GHT's DUI: left out of the one-solution rule when the
    campaign has the exception (from 2023), noted either way."""
    declared = {normalise(f) for f in declarations.ght_essms}
    kept: set[int] = set()
    out: list[Finding] = []
    for r in counted:
        if normalise(r.finess) not in declared:
            continue
        est, og = r.establishment, r.og
        who = f"{est.name} ({est.finess}, {og.name})"
        if campaign.scope.ght_exception:
            kept.add(r.index)
            out.append(
                Finding(
                    "exception_ght",
                    Severity.INFO,
                    f"{who} : rattaché à un GHT, garde le DUI de l'hôpital (exception déclarée) ; "
                    "ce DUI doit répondre aux exigences du médico-social.",
                    _rule(campaign, "exception GHT (à partir de 2023)"),
                    est.finess,
                    og.name,
                )
            )
        else:
            out.append(
                Finding(
                    "exception_ght_non_prevue",
                    Severity.INFO,
                    f"{who} : déclaré rattaché à un GHT, mais cette campagne ne prévoit pas "
                    "l'exception GHT (appels à partir de 2023) ; il suit la règle commune.",
                    _rule(campaign, "exception GHT"),
                    est.finess,
                    og.name,
                )
            )
    return kept, out


def _sectors_text(sectors: tuple[str, ...]) -> str:
    return " et/ou ".join(sectors)


def _solution_findings(
    grappe: Grappe, campaign: Campaign, counted: list[RowStatus], declarations: Declarations
) -> list[Finding]:
    scope = campaign.scope
    ght, out = _ght_rows(campaign, counted, declarations)
    if scope.single_solution:
        labels: dict[str, str] = {}
        for r in counted:
            if r.index in ght:
                continue
            label = r.establishment.dui_solution.strip()
            if label:
                labels.setdefault(solution_key(label), label)
        if grappe.solution.label.strip():
            labels.setdefault(solution_key(grappe.solution.label), grappe.solution.label)
        if len(labels) > 1:
            ght_hint = (
                " Un ESSMS rattaché à un GHT peut garder le DUI de l'hôpital : l'exception se "
                "déclare pour cet ESSMS."
                if scope.ght_exception
                else ""
            )
            out.append(
                Finding(
                    "solutions_multiples",
                    Severity.BLOQUANT,
                    f"Le projet cite {len(labels)} solutions DUI différentes "
                    f"({' ; '.join(labels.values())}) : tous les ESSMS du projet doivent utiliser "
                    f"la même solution.{ght_hint}",
                    _rule(campaign, "une seule solution DUI par projet"),
                )
            )
        elif not labels and counted:
            out.append(
                Finding(
                    "solution_non_renseignee",
                    Severity.AVERTISSEMENT,
                    "Aucune solution DUI n'est renseignée : à vérifier, le projet doit porter sur "
                    "une seule solution.",
                    _rule(campaign, "une seule solution DUI par projet"),
                )
            )
    if scope.segur_required and counted:
        out += _segur_findings(grappe, campaign, counted, declarations)
    return out


def _segur_findings(
    grappe: Grappe, campaign: Campaign, counted: list[RowStatus], declarations: Declarations
) -> list[Finding]:
    scope = campaign.scope
    sectors = {r.category.sector.value for r in counted}
    exempt = set(scope.segur_exempt_sectors)
    if sectors <= exempt:
        return []
    referenced = grappe.solution.segur_referenced
    registered = set(scope.segur_registered_sectors)
    if sectors <= exempt | registered and referenced is not True:
        return _registration_findings(campaign, declarations)
    unless = (
        f"sauf projet uniquement {_sectors_text(scope.segur_exempt_sectors)}"
        if scope.segur_exempt_sectors
        else "pour tout projet"
    )
    rule = _rule(campaign, "DUI référencé Ségur vague 1")
    if referenced is None:
        return [
            Finding(
                "segur_a_verifier",
                Severity.AVERTISSEMENT,
                "Référencement Ségur vague 1 de la solution DUI : à vérifier (non "
                f"renseigné). Il est exigé, {unless}.",
                rule,
            )
        ]
    if referenced is False:
        return [
            Finding(
                "solution_non_referencee",
                Severity.BLOQUANT,
                "La solution DUI n'est pas référencée Ségur vague 1 : elle est exigée "
                f"pour ce projet ({unless}). Choisissez une solution référencée.",
                rule,
            )
        ]
    return []


def _registration_findings(campaign: Campaign, declarations: Declarations) -> list[Finding]:
    """2025: an AHI project needs no referenced DUI, but its editor must be registered at the
    referencing office on the convention date; the user declares it, until then « à vérifier »."""
    sectors = _sectors_text(campaign.scope.segur_registered_sectors)
    rule = _rule(campaign, "éditeur inscrit au guichet de référencement Ségur")
    if declarations.editor_registered is True:
        return []
    if declarations.editor_registered is False:
        return [
            Finding(
                "editeur_non_inscrit",
                Severity.BLOQUANT,
                f"Projet {sectors} : la solution n'est pas référencée Ségur et son éditeur "
                "n'est pas inscrit au guichet de référencement ; il doit l'être à la date de "
                "signature de la convention avec l'ARS.",
                rule,
            )
        ]
    return [
        Finding(
            "inscription_editeur_a_verifier",
            Severity.AVERTISSEMENT,
            f"Projet {sectors} : à vérifier — sans DUI référencé Ségur, l'éditeur doit être "
            "inscrit au guichet de référencement à la date de signature de la convention "
            "avec l'ARS (non déclaré).",
            rule,
        )
    ]


def _row_notes(campaign: Campaign, counted: list[RowStatus]) -> list[Finding]:
    out: list[Finding] = []
    for r in counted:
        est, og = r.establishment, r.og
        who = f"{est.name} ({est.finess}, {og.name})"
        if est.equipment and est.project is ProjectType.AUCUN:
            out.append(
                Finding(
                    "equipement_sans_projet",
                    Severity.INFO,
                    f"{who} : l'équipement n'est financé qu'avec un projet DUI (acquisition ou "
                    "mise en conformité) sur l'ESSMS.",
                    _rule(campaign, "équipement avec un projet DUI"),
                    est.finess,
                    og.name,
                )
            )
        elif est.equipment and not og.is_small and _has_equipment_line(campaign):
            out.append(
                Finding(
                    "equipement_og_non_petit",
                    Severity.INFO,
                    f"{who} : la ligne équipement est réservée aux ESSMS des petits OG (moins de "
                    f"15 ESSMS) ; {og.name} en gère {og.size}.",
                    _rule(campaign, "équipement des petites structures"),
                    est.finess,
                    og.name,
                )
            )
        if (
            campaign.scope.hours_prorata
            and r.category.sector.value in campaign.scope.hours_prorata_sectors
            and est.eligible_hours_pct < 100
        ):
            out.append(
                Finding(
                    "prorata_heures",
                    Severity.INFO,
                    f"{who} : montant proratisé à {_pct(est.eligible_hours_pct)} % d'heures "
                    "éligibles (activités essentielles) ; joindre la répartition des heures en "
                    "annexe.",
                    _rule(campaign, "prorata des heures éligibles (FAQ)"),
                    est.finess,
                    og.name,
                )
            )
    return out


def _dui_pair_findings(campaign: Campaign, counted: list[RowStatus]) -> list[Finding]:
    """A project that does not fit the DUI the ESSMS has today (« DUI actuel »): a referenced
    DUI is not acquired again, a missing one cannot be brought into conformity."""
    out: list[Finding] = []
    for r in counted:
        est, og = r.establishment, r.og
        who = f"{est.name} ({est.finess}, {og.name})"
        if est.current_dui is DuiSituation.REFERENCE and est.project is ProjectType.ACQUISITION:
            out.append(
                Finding(
                    "dui_reference_acquisition",
                    Severity.AVERTISSEMENT,
                    f"{who} : le DUI actuel est référencé Ségur, mais le projet est une "
                    "acquisition ; un DUI déjà référencé relève plutôt d'une mise en conformité. "
                    "Vérifiez le DUI actuel ou le type de projet.",
                    _rule(campaign, "type de projet selon le DUI actuel"),
                    est.finess,
                    og.name,
                )
            )
        elif est.current_dui is DuiSituation.AUCUN and est.project is ProjectType.CONFORMITE:
            out.append(
                Finding(
                    "sans_dui_conformite",
                    Severity.AVERTISSEMENT,
                    f"{who} : l'ESSMS n'a pas de DUI aujourd'hui, mais le projet est une mise en "
                    "conformité ; seul un DUI existant se met en conformité, sinon c'est une "
                    "acquisition. Vérifiez le DUI actuel ou le type de projet.",
                    _rule(campaign, "type de projet selon le DUI actuel"),
                    est.finess,
                    og.name,
                )
            )
    return out


def _undeclared_size_findings(campaign: Campaign, counted: list[RowStatus]) -> list[Finding]:
    """One warning per OG whose total of ESSMS managed is not declared: its size (and the lines
    reserved to small OGs) then rests on the ESSMS it lists, which may be fewer than it runs."""
    out: list[Finding] = []
    seen: set[int] = set()
    for r in counted:
        og = r.og
        if og.declared_size is not None or id(og) in seen:
            continue
        seen.add(id(og))
        n = og.size
        out.append(
            Finding(
                "taille_og_non_declaree",
                Severity.AVERTISSEMENT,
                f"{og.name} : nombre d'ESSMS gérés non déclaré ; {n} (déduit des ESSMS listés) "
                f"est retenu, soit un {og.size_class.label}. Déclarez le nombre total d'ESSMS "
                "que l'OG gère (colonne « og_nb_esms » ou tableau des organismes) : les lignes "
                "réservées aux petits OG en dépendent.",
                _rule(campaign, "taille de l'OG (ESSMS gérés)"),
                "",
                og.name,
            )
        )
    return out


def _reminders(campaign: Campaign, counted: list[RowStatus]) -> list[Finding]:
    """The campaign's reminders that concern a project type present in the grappe."""
    projects = {r.establishment.project for r in counted}
    return [
        Finding(
            "rappel_campagne",
            Severity.INFO,
            reminder.text,
            _rule(campaign, "rappel", source=reminder.source),
        )
        for reminder in campaign.reminders
        if projects & set(reminder.projects)
    ]


def _has_equipment_line(campaign: Campaign) -> bool:
    return any(rule.requires_equipment for rule in campaign.essms_lines)


def _pct(value: object) -> str:
    return str(value).replace(".", ",")
