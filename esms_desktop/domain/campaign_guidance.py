"""Where a campaign's value is usually found in an ARS cahier des charges, and its short name.

The campaign editor shows, next to an empty value, the part of the cahier des charges that
usually holds it, so that a director copying her ARS's grid knows where to look. Only what the
programme's sources say is written here (programme.md, the shipped campaigns' sources: amounts
by project type, number of ESSMS and geography since 2023; support per small OG; a ceiling per
ESSMS in 2024; tranches tied to the convention and the usage targets; filing in GALIS): the
sections of a cahier des charges differ from one ARS to the next, hence « généralement ».

Keys are named by their pattern, the dotted path of :func:`campaign_schema.reference`
(``values.<nom>.amount``, ``essms_lines.bands.from``): list indices dropped, the name of a value
replaced by ``<nom>``. :data:`NAMES` gives each key the short French name the editor shows;
:func:`guidance` the sentence for any key path of the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

KeyPath = tuple[str | int, ...]

_FINANCEMENT = "la partie « Modalités de financement » du cahier des charges"
_VERSEMENT = (
    "la partie « Modalités de versement » (ou « Modalités de financement ») du cahier des charges"
)
_ELIGIBILITE = (
    "la partie « Critères d'éligibilité » (ou « Composition de la grappe ») du cahier des charges"
)
_CALENDRIER = "la partie « Calendrier » (ou « Modalités de dépôt ») du cahier des charges"
_PERIMETRE = "la partie « Périmètre » (ou « Projets éligibles ») du cahier des charges"
_ENTETE = (
    "la première page du cahier des charges (titre de l'appel à projets et date de publication)"
)

NAMES: Mapping[str, str] = MappingProxyType(
    {
        "id": "Identifiant",
        "title": "Titre",
        "kind": "Type d'appel",
        "year": "Année",
        "summary": "Résumé",
        "source": "Source principale",
        "notes": "Remarques",
        "ttc": "Montants TTC",
        "pnrr": "Financé par le PNRR",
        "windows": "Calendrier",
        "windows.label": "Étape",
        "windows.start": "Début",
        "windows.end": "Fin ou date limite",
        "windows.status": "Statut",
        "windows.source": "Source",
        "size": "Taille et orientation",
        "size.min_essms": "Minimum d'ESSMS",
        "size.min_essms_island": "Minimum d'ESSMS (Corse, outre-mer)",
        "size.min_severity": "Gravité d'un minimum non atteint",
        "size.min_note": "Message du minimum",
        "size.max_essms": "Maximum d'ESSMS",
        "size.max_advice": "Campagne conseillée au-delà",
        "size.funded_cap": "ESSMS financés au plus",
        "size.small_og_min_ogs": "Petits OG : nombre minimal d'OG",
        "size.small_og_min_ogs_island": "Petits OG : nombre minimal d'OG (Corse, outre-mer)",
        "size.multi_region_note": "Message pour plusieurs régions",
        "size.one_region": "Grappe dans une seule région",
        "size.several_regions": "Grappe sur plusieurs régions",
        "scope": "Périmètre et conditions",
        "scope.priority_sectors": "Secteurs prioritaires",
        "scope.single_solution": "Une seule solution DUI",
        "scope.segur_required": "Référencement Ségur exigé",
        "scope.segur_exempt_sectors": "Secteurs dispensés du Ségur",
        "scope.segur_registered_sectors": "Secteurs : éditeur inscrit au guichet",
        "scope.ght_exception": "Exception GHT",
        "scope.no_double_funding": "Pas de double financement",
        "scope.hours_prorata": "Prorata des heures éligibles",
        "scope.hours_prorata_sectors": "Secteurs du prorata",
        "values": "Montants",
        "values.<nom>.label": "Libellé",
        "values.<nom>.amount": "Montant",
        "values.<nom>.status": "Statut",
        "values.<nom>.source": "Source",
        "values.<nom>.fallback": "Montant provisoire",
        "essms_lines": "Lignes par ESSMS",
        "essms_lines.value": "Montant",
        "essms_lines.projects": "Projets concernés",
        "essms_lines.ranks": "Rangs concernés",
        "essms_lines.band_by": "Paliers selon",
        "essms_lines.bands": "Paliers",
        "essms_lines.bands.from": "Du rang (ou de la taille)",
        "essms_lines.bands.to": "Au rang (ou à la taille)",
        "essms_lines.bands.value": "Montant du palier",
        "essms_lines.small_og_only": "Petits OG seulement",
        "essms_lines.requires_equipment": "Si l'équipement est demandé",
        "essms_lines.requires_segur": "Si la solution est référencée Ségur",
        "essms_lines.payee": "Bénéficiaire",
        "essms_lines.island": "Corse et outre-mer",
        "essms_lines.island.value": "Montant remplaçant",
        "essms_lines.island.coefficient": "Coefficient",
        "project_lines": "Lignes par projet",
        "project_lines.value": "Montant",
        "project_lines.only_small_og_grappe": "Grappe de petits OG seulement",
        "project_lines.requires_acquisition": "Si un ESSMS est en acquisition",
        "og_lines": "Lignes par OG",
        "og_lines.value": "Montant",
        "og_lines.small_og_only": "Petits OG seulement",
        "og_lines.requires_acquisition": "Si un ESSMS de l'OG est en acquisition",
        "ceilings": "Plafonds",
        "ceilings.per_essms": "Plafond par ESSMS",
        "tranches": "Échéancier",
        "tranches.label": "Versement",
        "tranches.pct": "Part du total (%)",
        "tranches.condition": "Condition",
        "tranches.usage_targets": "Lié aux cibles d'usage",
        "tranches.status": "Statut",
        "tranches.source": "Source",
        "reminders": "Rappels",
        "reminders.text": "Rappel",
        "reminders.projects": "Projets concernés",
        "reminders.source": "Source",
    }
    | {
        f"size.{table}.{key}": name
        for table in ("one_region", "several_regions")
        for key, name in {
            "min_essms": "Minimum d'ESSMS",
            "min_essms_island": "Minimum d'ESSMS (Corse, outre-mer)",
            "max_essms": "Maximum d'ESSMS",
            "max_advice": "Campagne conseillée au-delà",
            "accepted": "Configuration acceptée",
            "advice": "Campagne conseillée sinon",
            "status": "Statut",
            "source": "Source",
        }.items()
    }
)
"""The short French name of every key of the format, by pattern (the editor's first column)."""

_STATUS = (
    "Le statut dit d'où vient la valeur : « saisi » quand vous la recopiez du cahier des "
    "charges de votre ARS, « ok » quand une source publique la donne, « a_confirmer » tant "
    "qu'elle n'est confirmée par aucun texte."
)
_SOURCE = (
    "Notez la partie du cahier des charges où vous avez lu la valeur (par exemple « Cahier des "
    "charges de l'ARS, § 4 ») : elle est imprimée avec le budget, pour que le lecteur vérifie."
)
_REGION = (
    f"Généralement dans {_ELIGIBILITE}, là où il distingue les grappes d'une seule région et "
    "celles réparties sur plusieurs régions (depuis 2024 : 15 ESSMS ou plus dans une région, "
    "moins de 50 sur plusieurs régions ; au-delà, l'appel national)."
)

_GUIDANCE: Mapping[str, str] = MappingProxyType(
    {
        "id": "Choisi par vous, il ne figure pas dans le cahier des charges : lettres minuscules "
        "sans accent, chiffres et tirets (par exemple generalisation-2026-ars-bretagne).",
        "title": f"Généralement sur {_ENTETE}.",
        "kind": "Généralement sur la première page : un appel à projets régional est publié par "
        "une ARS, l'appel national par la CNSA.",
        "year": f"Généralement sur {_ENTETE} : l'année de la campagne de l'appel à projets.",
        "summary": "Généralement dans la partie « Contexte » ou « Objet de l'appel à projets » du "
        "cahier des charges : résumez-la en une phrase.",
        "source": f"Généralement sur {_ENTETE} : notez l'ARS, la référence et la date du cahier "
        "des charges.",
        "notes": "Vos remarques et la façon dont vous lisez un passage ambigu du cahier des "
        "charges (citez la partie) : elles sont imprimées avec le budget.",
        "ttc": f"Généralement dans {_FINANCEMENT} : les montants du programme sont TTC.",
        "pnrr": f"Généralement dans {_FINANCEMENT} ou le préambule : l'origine des crédits (plan "
        "de relance, PNRR / Ségur de la santé) et la mention à porter sur les documents.",
        "windows": f"Généralement dans {_CALENDRIER} : dates d'ouverture et de clôture du dépôt "
        "(en ligne, compte GALIS de la CNSA, service « PAI numérique »).",
        "windows.label": f"Généralement dans {_CALENDRIER} : le nom de l'étape (dépôt des "
        "candidatures, date limite des projets multirégionaux, signature des conventions).",
        "windows.start": f"Généralement dans {_CALENDRIER} : la date d'ouverture du dépôt des "
        "candidatures.",
        "windows.end": f"Généralement dans {_CALENDRIER} : la date limite de dépôt ; les projets "
        "répartis sur plusieurs régions ont souvent une date limite plus précoce.",
        "size": f"Généralement dans {_ELIGIBILITE}.",
        "size.min_essms": f"Généralement dans {_ELIGIBILITE} : le nombre minimal d'ESSMS de la "
        "grappe (15 dans les appels connus, condition de recevabilité selon la CNSA).",
        "size.min_essms_island": f"Généralement dans {_ELIGIBILITE}, à côté du minimum : le "
        "minimum pour la Corse et l'outre-mer (8 dans les appels connus).",
        "size.min_severity": f"Généralement dans {_ELIGIBILITE} : « idéalement » ou « avec "
        "souplesse » se traduit par un avertissement, « au moins » par une condition bloquante.",
        "size.min_note": f"Généralement dans {_ELIGIBILITE} : ce que le texte dit d'une grappe "
        "plus petite (l'ARS peut accepter moins, sur justification).",
        "size.max_essms": f"Généralement dans {_ELIGIBILITE} : le nombre d'ESSMS au-delà duquel "
        "le projet relève de l'appel national (50 ESSMS ou plus dans les appels connus).",
        "size.max_advice": f"Généralement dans {_ELIGIBILITE} : l'appel à conseiller au-delà du "
        "maximum, l'appel national de la même année.",
        "size.funded_cap": f"Généralement dans {_FINANCEMENT} : le nombre maximal d'ESSMS "
        "financés par projet, quand il y en a un (30 en 2021).",
        "size.small_og_min_ogs": f"Généralement dans {_ELIGIBILITE} : le nombre minimal d'OG "
        "d'une grappe composée uniquement de petits OG (3 en 2021).",
        "size.small_og_min_ogs_island": f"Généralement dans {_ELIGIBILITE} : le même nombre pour "
        "la Corse et l'outre-mer (2 en 2021).",
        "size.multi_region_note": f"Généralement dans {_ELIGIBILITE} ou {_CALENDRIER} : ce qui "
        "change pour une grappe répartie sur plusieurs régions (date limite plus précoce).",
        "size.one_region": _REGION,
        "size.several_regions": _REGION,
        "scope": f"Généralement dans {_PERIMETRE}.",
        "scope.priority_sectors": f"Généralement dans {_PERIMETRE} : les secteurs visés en "
        "priorité (personnes âgées et handicapées en 2021).",
        "scope.single_solution": f"Généralement dans {_PERIMETRE} : une seule solution DUI pour "
        "tous les ESSMS du projet.",
        "scope.segur_required": f"Généralement dans {_PERIMETRE} : le DUI doit être référencé "
        "Ségur vague 1 pour le domaine de l'ESSMS.",
        "scope.segur_exempt_sectors": f"Généralement dans {_PERIMETRE} : les projets dispensés "
        "du référencement Ségur (AHI et PJM jusqu'en 2024, PJM seul en 2025).",
        "scope.segur_registered_sectors": f"Généralement dans {_PERIMETRE} : les secteurs pour "
        "lesquels un éditeur inscrit au guichet de référencement suffit (AHI en 2025).",
        "scope.ght_exception": f"Généralement dans {_PERIMETRE} : un ESSMS rattaché à un GHT peut "
        "garder le DUI de l'hôpital (appels à partir de 2023).",
        "scope.no_double_funding": f"Généralement dans {_PERIMETRE} ou {_FINANCEMENT} : un ESSMS "
        "déjà financé (programme, ou SONS pour un autre DUI) ne l'est pas deux fois.",
        "scope.hours_prorata": f"Généralement dans {_FINANCEMENT} : pour l'aide à domicile, seule "
        "la part des activités essentielles compte (prorata des heures, justificatif en annexe).",
        "scope.hours_prorata_sectors": f"Généralement dans {_FINANCEMENT}, avec le prorata des "
        "heures : les secteurs concernés (aide à domicile).",
        "values": f"Généralement dans {_FINANCEMENT}, tableau des montants forfaitaires par ESSMS "
        "et par type de projet.",
        "values.<nom>.label": f"Généralement dans {_FINANCEMENT} : l'intitulé de la ligne du "
        "tableau des montants.",
        "values.<nom>.amount": f"Généralement dans {_FINANCEMENT}, tableau des montants "
        "forfaitaires par ESSMS et par type de projet (acquisition, mise en conformité) ; depuis "
        "2023, le montant peut dépendre du nombre d'ESSMS et de la géographie (Corse, outre-mer).",
        "values.<nom>.status": _STATUS,
        "values.<nom>.source": _SOURCE,
        "values.<nom>.fallback": f"Généralement absent du cahier des charges : un montant à "
        f"afficher à titre provisoire quand {_FINANCEMENT} reste ambiguë.",
        "essms_lines": f"Généralement dans {_FINANCEMENT} : à quels ESSMS revient chaque montant "
        "(type de projet, petits OG, équipement).",
        "essms_lines.value": f"Généralement dans {_FINANCEMENT} : le montant (nommé dans "
        "« Montants ») que reçoit chaque ESSMS concerné.",
        "essms_lines.projects": f"Généralement dans {_FINANCEMENT} : acquisition d'un DUI, mise "
        "en conformité, ou les deux.",
        "essms_lines.ranks": f"Généralement dans {_FINANCEMENT} d'un appel national : les montants "
        "changent à partir du 50e ESSMS (ou du 500e).",
        "essms_lines.band_by": f"Généralement dans {_FINANCEMENT} : les paliers comptent le rang "
        "de l'ESSMS dans le projet, ou le nombre d'ESSMS du projet.",
        "essms_lines.bands": f"Généralement dans {_FINANCEMENT}, tableau des montants par nombre "
        "d'ESSMS (depuis 2023, les montants varient avec le nombre d'ESSMS).",
        "essms_lines.bands.from": f"Généralement dans {_FINANCEMENT}, première colonne du tableau "
        "par nombre d'ESSMS (« de 1 à 49 ESSMS » : 1).",
        "essms_lines.bands.to": f"Généralement dans {_FINANCEMENT}, même tableau (« de 1 à 49 "
        "ESSMS » : 49 ; vide pour « et au-delà »).",
        "essms_lines.bands.value": f"Généralement dans {_FINANCEMENT}, même tableau : le montant "
        "du palier (nommé dans « Montants »).",
        "essms_lines.small_og_only": f"Généralement dans {_FINANCEMENT} : la ligne réservée aux "
        "ESSMS des organismes gestionnaires de moins de 15 ESSMS.",
        "essms_lines.requires_equipment": f"Généralement dans {_FINANCEMENT} : l'équipement et "
        "l'infrastructure, financés avec un projet DUI de l'ESSMS.",
        "essms_lines.requires_segur": f"Généralement dans {_FINANCEMENT} d'un appel national : "
        "le forfait supplémentaire quand l'éditeur est référencé Ségur.",
        "essms_lines.payee": f"Généralement dans {_FINANCEMENT} : la part versée à l'éditeur, "
        "quand le texte en prévoit une (appel national 2022).",
        "essms_lines.island": f"Généralement dans {_FINANCEMENT} : la modulation pour la Corse et "
        "l'outre-mer (depuis 2023, les montants varient avec la géographie).",
        "essms_lines.island.value": f"Généralement dans {_FINANCEMENT} : le montant prévu pour "
        "la Corse et l'outre-mer, quand le tableau en donne un à part.",
        "essms_lines.island.coefficient": f"Généralement dans {_FINANCEMENT} : la majoration "
        "pour la Corse et l'outre-mer (+20 % s'écrit 1,2).",
        "project_lines": f"Généralement dans {_FINANCEMENT} : les montants versés une fois pour "
        "le projet (accompagnement de l'achat, pilotage du déploiement).",
        "project_lines.value": f"Généralement dans {_FINANCEMENT} : le montant par projet "
        "(nommé dans « Montants »).",
        "project_lines.only_small_og_grappe": f"Généralement dans {_FINANCEMENT} : réservé aux "
        "grappes composées uniquement de petits OG (règle de 2021).",
        "project_lines.requires_acquisition": f"Généralement dans {_FINANCEMENT} : seulement si "
        "un ESSMS acquiert un DUI (accompagnement de l'achat).",
        "og_lines": f"Généralement dans {_FINANCEMENT} : l'accompagnement (AMOA) de chaque OG de "
        "moins de 15 sites (pages des ARS Grand Est et La Réunion, 2024).",
        "og_lines.value": f"Généralement dans {_FINANCEMENT} : le montant par organisme "
        "gestionnaire (nommé dans « Montants »).",
        "og_lines.small_og_only": f"Généralement dans {_FINANCEMENT} : réservé aux OG de moins "
        "de 15 ESSMS.",
        "og_lines.requires_acquisition": f"Généralement dans {_FINANCEMENT} : seulement si un "
        "ESSMS de l'OG acquiert un DUI.",
        "ceilings": f"Généralement dans {_FINANCEMENT} : « un montant maximal de … € pourra être "
        "alloué par ESSMS » (formule de 2024).",
        "ceilings.per_essms": f"Généralement dans {_FINANCEMENT} : le montant maximal alloué par "
        "ESSMS (nommé dans « Montants »).",
        "tranches": f"Généralement dans {_VERSEMENT} : les versements et leur part du total "
        "(50 % à la signature de la convention, 50 % à l'atteinte des cibles d'usage en 2023).",
        "tranches.label": f"Généralement dans {_VERSEMENT} : l'événement qui déclenche le "
        "versement (signature de la convention, fin du déploiement…).",
        "tranches.pct": f"Généralement dans {_VERSEMENT} : la part du total versée à cette étape ; "
        "les parts font 100 %.",
        "tranches.condition": f"Généralement dans {_VERSEMENT} : la condition du versement, "
        "en clair.",
        "tranches.usage_targets": f"Généralement dans {_VERSEMENT} et la partie « Cibles "
        "d'usage » : le dernier versement dépend de l'atteinte des cibles d'usage.",
        "tranches.status": _STATUS,
        "tranches.source": _SOURCE,
        "windows.status": _STATUS,
        "windows.source": _SOURCE,
        "reminders": "Une phrase que vous voulez rappeler avec l'éligibilité (par exemple ce que "
        "le cahier des charges dit du double financement) : citez sa partie.",
        "reminders.text": "Le rappel, en clair ; généralement tiré de la partie du cahier des "
        "charges sur les projets éligibles ou le financement.",
        "reminders.projects": "Les types de projet pour lesquels le rappel s'affiche.",
        "reminders.source": _SOURCE,
    }
    | {
        f"size.{table}.{key}": {"status": _STATUS, "source": _SOURCE}.get(key, _REGION)
        for table in ("one_region", "several_regions")
        for key in (
            "min_essms",
            "min_essms_island",
            "max_essms",
            "max_advice",
            "accepted",
            "advice",
            "status",
            "source",
        )
    }
)


def pattern(path: KeyPath) -> str:
    """The pattern of a key path: ``("values", "acquisition", "amount")`` gives
    ``values.<nom>.amount``, ``("tranches", 0, "pct")`` gives ``tranches.pct``."""
    parts: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            continue
        parts.append("<nom>" if i == 1 and path[0] == "values" else part)
    return ".".join(parts)


def guidance(path: KeyPath) -> str:
    """Where the value at ``path`` usually sits in an ARS cahier des charges (French).

    A path inside a key (a threshold's ``value``, a coefficient's ``status``) gets the sentence of
    the key that holds it; an empty path, or one outside the format, gets an empty text.
    """
    parts = pattern(path).split(".") if path else []
    for n in range(len(parts), 0, -1):
        found = _GUIDANCE.get(".".join(parts[:n]))
        if found:
            return found
    return ""
