"""The autodiagnostic: a maturity questionnaire in 7 domains, its scores and what they suggest.

No public text makes one form mandatory (programme.md §6). Ours follows the 7 domains of the
sector's reference framework (MaturiN-SMS, 2024) in its own words and lives in a data file
(``resources/autodiagnostic.toml``), so wording, scale, levels and routing thresholds change without
touching code. Everything here is pure: the GUI records answers (question id → 0–4), these
functions turn them into domain scores, maturity levels and recommendations that the GUI can apply
to the grappe in one action and the PDF can print. Both read a dossier's answers through one
summary, :func:`esms_desktop.domain.autodiag_summary.summarise`, so they never disagree.

Scoring, stated once so the GUI, the PDF and the tests agree:

* a domain's score is the mean of its *answered* questions, as a share of the top of the scale,
  times 100, rounded half up to an integer (``ROUND_HALF_UP``: 62.5 → 63, as people round by
  hand, not Python's banker's rounding); a domain with no answer has no score (``None``) rather
  than 0, so "not yet assessed" is never shown as "assessed and weak";
* the overall score is the plain mean of the *displayed* domain scores that exist, rounded the
  same way: every domain weighs the same whatever its number of questions (the framework reads
  maturity as a profile over domains, and a domain with 7 questions is not more important than
  one with 5), and a reader of the PDF can check the overall figure from the printed ones;
* a level is looked up from the rounded score in the file's score bands;
* a level typed from MaturiN-SMS (:mod:`esms_desktop.domain.maturin`) stands in for the score of
  the domain its dimension maps to, only while that domain has no answer (an answer given here is
  newer and finer than a level read elsewhere) — the DUI question apart: it records a fact the
  routing needs (which DUI is there) more than a maturity, so a director who types her levels
  answers it too without that one answer replacing her typed functional level. A typed level
  stands as the middle of our band of the same rank (level 3, band 40–59 → 50): the two
  frameworks both read maturity in 5 ranks, and the middle neither flatters nor penalises the
  thresholds that route the project. Such a figure says where it comes from
  (:class:`FigureSource`) on the screen and the paper; the dimension with no domain of ours is
  shown but scores and routes nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from esms_desktop.domain.errors import UserError
from esms_desktop.domain.grappe import DuiSituation, ProjectType
from esms_desktop.domain.maturin import (
    MATURIN_DIMENSION_COUNT,
    NO_TYPED_LEVELS,
    MaturinDimension,
    MaturinFramework,
    TypedLevels,
    usable_levels,
)

DEFAULT_FUNCTIONAL_THRESHOLD = 50
"""Functional-fit score under which a non-referenced DUI is better replaced than upgraded."""

_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
_NO_DUI: Mapping[int, DuiSituation] = MappingProxyType({})


class QuestionnaireError(UserError, ValueError):
    """A questionnaire file that cannot be used; the message is French and names file and key."""


class AnswerError(UserError):
    """Answers that do not fit the questionnaire (unknown question, level out of the scale)."""


class RecommendationKind(StrEnum):
    """What a recommendation acts on; a ``StrEnum`` so it compares equal to its plain string."""

    PROJET = "projet"
    EQUIPEMENT = "equipement"
    PRIORITE = "priorite"

    @property
    def label(self) -> str:
        return {
            "projet": "Type de projet",
            "equipement": "Équipement",
            "priorite": "Priorité",
        }[self.value]


class FigureSource(StrEnum):
    """Where a domain's figure comes from: our questionnaire, or a level typed from MaturiN-SMS."""

    QUESTIONNAIRE = "questionnaire"
    MATURIN = "maturin"

    @property
    def label(self) -> str:
        return {"questionnaire": "questionnaire", "maturin": "MaturiN-SMS, saisi"}[self.value]


# --- the questionnaire -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    """One possible answer: its value (0–4) and the words shown beside it."""

    value: int
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class MaturityLevel:
    """A maturity level (1–5) and the band of integer scores, bounds included, that reach it."""

    level: int
    name: str
    min_score: int
    max_score: int
    description: str = ""

    def contains(self, score: int) -> bool:
        return self.min_score <= score <= self.max_score

    @property
    def label(self) -> str:
        return f"Niveau {self.level} — {self.name}"


@dataclass(frozen=True, slots=True)
class Question:
    """A question and the answers it accepts.

    ``choices`` are the allowed answers with their effective labels (the default scale, with this
    question's own wording where the file gives one). ``dui`` is non-empty only for the question
    that records the current DUI: it maps each answer to a :class:`DuiSituation`.
    """

    id: str
    text: str
    help: str
    choices: tuple[ScaleLevel, ...]
    dui: Mapping[int, DuiSituation] = field(default_factory=lambda: _NO_DUI)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(c.value for c in self.choices)

    def label(self, value: int) -> str:
        """The words for ``value``; an answer this question does not accept is an error."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        raise AnswerError(_bad_value_message(self, value))

    @property
    def is_dui_question(self) -> bool:
        return bool(self.dui)


@dataclass(frozen=True, slots=True)
class Domain:
    """A maturity domain, numbered 1–7 as in the framework, with the advice shown as priority."""

    id: str
    number: int
    title: str
    description: str
    advice: str
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Routing:
    """The thresholds that turn scores into recommendations (programme.md §6), from the file."""

    dui_question: str
    functional_domain: str
    functional_threshold: int
    equipment_domain: str
    equipment_threshold: int
    priority_count: int
    priority_below: int


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """The whole questionnaire. Build it with :func:`parse_questionnaire`, which checks it."""

    version: str
    title: str
    source: str
    scale: tuple[ScaleLevel, ...]
    levels: tuple[MaturityLevel, ...]
    domains: tuple[Domain, ...]
    routing: Routing
    maturin: MaturinFramework | None = None
    """The MaturiN-SMS dimensions a user may type levels for (``None``: the file names none)."""
    _index: Mapping[str, tuple[Domain, Question]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {q.id: (d, q) for d in self.domains for q in d.questions}
        object.__setattr__(self, "_index", MappingProxyType(index))

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order of the file."""
        return tuple(q for d in self.domains for q in d.questions)

    @property
    def question_count(self) -> int:
        return len(self._index)

    @property
    def max_value(self) -> int:
        """Top of the answer scale: a question answered at this value scores 100."""
        return self.scale[-1].value

    def has_question(self, question_id: str) -> bool:
        return question_id in self._index

    def question(self, question_id: str) -> Question:
        return self._entry(question_id)[1]

    def domain_of(self, question_id: str) -> Domain:
        return self._entry(question_id)[0]

    def domain(self, domain_id: str) -> Domain:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(f"Domaine inconnu : « {domain_id} »")

    def stand_in_score(self, level: int) -> int:
        """The score a level typed from MaturiN-SMS stands for: the middle of our band of that
        rank, rounded half up (see the module docstring)."""
        band = self.levels[level - 1]
        return _round_half_up(Fraction(band.min_score + band.max_score, 2))

    def level_for(self, score: int) -> MaturityLevel:
        """The maturity level of an integer score 0–100 (the bands cover it, checked at load)."""
        for level in self.levels:
            if level.contains(score):
                return level
        raise ValueError(f"Score hors de l'échelle 0–100 : {score}")

    def _entry(self, question_id: str) -> tuple[Domain, Question]:
        try:
            return self._index[question_id]
        except KeyError:
            raise AnswerError(
                f"Question inconnue : « {question_id} » (questionnaire version {self.version})"
            ) from None


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DomainScore:
    """One domain's result. ``score`` and ``level`` are ``None`` while nothing is answered.

    ``source`` says where the figure comes from; with :attr:`FigureSource.MATURIN` the domain has
    no answer, ``typed_level`` is the level typed for its dimension and ``score`` its stand-in.
    """

    domain: Domain
    answered: int
    total: int
    score: int | None
    level: MaturityLevel | None
    source: FigureSource = FigureSource.QUESTIONNAIRE
    typed_level: int | None = None
    dimension: MaturinDimension | None = None

    @property
    def figure(self) -> str:
        """The figure in French words, with its source when it is not the questionnaire's."""
        if self.score is None:
            return "non évalué"
        if self.source is FigureSource.MATURIN:
            return f"niveau {self.typed_level} ({self.source.label})"
        return f"{self.score}/100"

    @property
    def complete(self) -> bool:
        return self.answered == self.total


@dataclass(frozen=True, slots=True)
class AutodiagResult:
    """Scores of one set of answers (one scope), with what :func:`recommend` needs to route them.

    ``dui_situation`` is what the DUI question says, ``None`` when it is not answered.
    """

    questionnaire: Questionnaire
    answers: Mapping[str, int]
    domains: tuple[DomainScore, ...]
    score: int | None
    level: MaturityLevel | None
    answered: int
    total: int
    dui_situation: DuiSituation | None
    typed: TypedLevels = NO_TYPED_LEVELS

    @property
    def sources(self) -> frozenset[FigureSource]:
        """The sources of the domain figures that exist (empty while nothing is scored)."""
        return frozenset(d.source for d in self.domains if d.score is not None)

    @property
    def progress_pct(self) -> int:
        """Share of the questions answered, 0–100, rounded half up."""
        if not self.total:
            return 0
        return _round_half_up(Fraction(100 * self.answered, self.total))

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    def domain(self, domain_id: str) -> DomainScore:
        for d in self.domains:
            if d.domain.id == domain_id:
                return d
        raise KeyError(f"Domaine inconnu : « {domain_id} »")


def unknown_question_ids(
    questionnaire: Questionnaire, answers: Mapping[str, int]
) -> tuple[str, ...]:
    """Answer keys the questionnaire does not know, sorted.

    Answers are stored per question id; after a new questionnaire version a dossier may hold
    answers to removed questions. :func:`score` refuses them (a silent drop would change a score
    behind the user's back); the caller can show these ids and drop them with the user's consent.
    """
    return tuple(sorted(k for k in answers if not questionnaire.has_question(k)))


def validate_answers(questionnaire: Questionnaire, answers: Mapping[str, int]) -> None:
    """Raise :class:`AnswerError` (French) on an unknown question or a value it does not accept."""
    unknown = unknown_question_ids(questionnaire, answers)
    if unknown:
        raise AnswerError(
            "Réponses à des questions inconnues du questionnaire "
            f"(version {questionnaire.version}) : " + ", ".join(f"« {q} »" for q in unknown)
        )
    for qid, value in answers.items():
        question = questionnaire.question(qid)
        if not _accepts(question, value):
            raise AnswerError(_bad_value_message(question, value))


def usable_answers(
    questionnaire: Questionnaire, answers: Mapping[str, int]
) -> tuple[dict[str, int], int]:
    """The answers the questionnaire can score, and how many others are kept but not counted.

    A dossier made with an older questionnaire may answer questions that no longer exist; they
    stay in the dossier (dropping them silently would lose data) but cannot be scored. Unlike
    :func:`validate_answers`, nothing is refused: the usable answers are picked out.
    """
    usable = {
        qid: value
        for qid, value in answers.items()
        if questionnaire.has_question(qid) and _accepts(questionnaire.question(qid), value)
    }
    return usable, len(answers) - len(usable)


def score(
    questionnaire: Questionnaire,
    answers: Mapping[str, int],
    typed: TypedLevels = NO_TYPED_LEVELS,
) -> AutodiagResult:
    """Score every domain and the whole, see the module docstring for the rules and why.

    ``typed`` levels that do not count (unknown dimension, level outside 1–5) are left out here,
    as :func:`usable_answers` leaves answers out; the caller names them.
    """
    validate_answers(questionnaire, answers)
    top = questionnaire.max_value
    levels = usable_levels(questionnaire.maturin, typed)
    domain_scores = []
    for domain in questionnaire.domains:
        answered_ids = [q.id for q in domain.questions if q.id in answers]
        given = [answers[qid] for qid in answered_ids]
        maturin = questionnaire.maturin
        dimension = None if maturin is None else maturin.for_domain(domain.id)
        typed_level = levels.get(dimension.id) if dimension is not None else None
        only_dui = answered_ids == [questionnaire.routing.dui_question]
        if given and not (only_dui and typed_level is not None):
            value = _round_half_up(Fraction(100 * sum(given), top * len(given)))
            domain_scores.append(
                DomainScore(
                    domain,
                    len(given),
                    len(domain.questions),
                    value,
                    questionnaire.level_for(value),
                    dimension=dimension,
                )
            )
        elif typed_level is not None:
            domain_scores.append(
                DomainScore(
                    domain,
                    len(given),
                    len(domain.questions),
                    questionnaire.stand_in_score(typed_level),
                    questionnaire.levels[typed_level - 1],
                    FigureSource.MATURIN,
                    typed_level,
                    dimension,
                )
            )
        else:
            domain_scores.append(
                DomainScore(domain, 0, len(domain.questions), None, None, dimension=dimension)
            )
    existing = [d.score for d in domain_scores if d.score is not None]
    overall = _round_half_up(Fraction(sum(existing), len(existing))) if existing else None
    return AutodiagResult(
        questionnaire=questionnaire,
        answers=MappingProxyType(dict(answers)),
        domains=tuple(domain_scores),
        score=overall,
        level=None if overall is None else questionnaire.level_for(overall),
        answered=sum(d.answered for d in domain_scores),
        total=questionnaire.question_count,
        dui_situation=dui_situation_from_answers(questionnaire, answers),
        typed=typed,
    )


def dui_situation_from_answers(
    questionnaire: Questionnaire, answers: Mapping[str, int]
) -> DuiSituation | None:
    """The current DUI as the DUI question records it, ``None`` when that question is unanswered."""
    question = questionnaire.question(questionnaire.routing.dui_question)
    if question.id not in answers:
        return None
    value = answers[question.id]
    if not _is_int(value) or value not in question.dui:
        raise AnswerError(_bad_value_message(question, value))
    return question.dui[value]


def _round_half_up(value: Fraction) -> int:
    """Round a non-negative exact value half up, through Decimal.

    The value stays an exact fraction until here; 28 significant digits are plenty because a
    tie (x.5) is a finite decimal, so it is exact, and any other value of our small denominators
    is far from x.5 compared with 1e-26.
    """
    with localcontext() as ctx:
        ctx.prec = 28
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _accepts(question: Question, value: object) -> bool:
    """``value`` is one of the answers ``question`` offers (an int, never a bool)."""
    return _is_int(value) and value in question.values


def _bad_value_message(question: Question, value: object) -> str:
    allowed = ", ".join(str(v) for v in question.values)
    return (
        f"Réponse invalide à la question « {question.id} » : {value!r} "
        f"(réponses possibles : {allowed})"
    )


# --- recommendations -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One thing the results suggest: ``code`` is stable (GUI actions, tests), ``message`` French.

    ``suggested_project`` / ``suggested_equipment`` are what the GUI may apply to the grappe in one
    action; ``None`` means "nothing to apply" (the message then explains what is missing).
    ``domain_id`` names the domain a priority is about.
    """

    code: str
    kind: RecommendationKind
    message: str
    suggested_project: ProjectType | None = None
    suggested_equipment: bool | None = None
    domain_id: str | None = None


def suggest_project(
    current_dui: DuiSituation,
    functional_score: int | None,
    *,
    threshold: int = DEFAULT_FUNCTIONAL_THRESHOLD,
) -> ProjectType:
    """The DUI project type that fits the current DUI (programme.md §6).

    No DUI → acquisition; referenced DUI → conformité. A non-referenced DUI may go either way:
    when its functional fit scores under ``threshold`` the tool does not serve the teams and
    upgrading it would fund the wrong thing, so acquisition; otherwise (or when the fit is not
    assessed yet) conformité, the lighter path that keeps what the teams already use. An unknown
    situation cannot be routed and raises, so the GUI never applies a guess.
    """
    if current_dui is DuiSituation.AUCUN:
        return ProjectType.ACQUISITION
    if current_dui is DuiSituation.REFERENCE:
        return ProjectType.CONFORMITE
    if current_dui is DuiSituation.NON_REFERENCE:
        if functional_score is not None and functional_score < threshold:
            return ProjectType.ACQUISITION
        return ProjectType.CONFORMITE
    raise ValueError("Situation du DUI inconnue : impossible de proposer un type de projet.")


def recommend(
    result: AutodiagResult,
    *,
    small_og: bool,
    current_dui: DuiSituation | None = None,
) -> tuple[Recommendation, ...]:
    """Route the results to the project: project type, equipment line, then priorities.

    ``current_dui`` is the situation the user stated (e.g. on the ESSMS); ``None`` or
    ``INCONNUE`` falls back on the questionnaire's DUI question. ``small_og`` is
    ``Organisation.is_small`` of the OG concerned: the equipment line is only for small OGs.
    """
    routing = result.questionnaire.routing
    if current_dui is None or current_dui is DuiSituation.INCONNUE:
        current_dui = result.dui_situation
    out = [_project_recommendation(result, routing, current_dui)]
    equipment = _equipment_recommendation(result, routing, small_og)
    if equipment is not None:
        out.append(equipment)
    out.extend(_priorities(result, routing))
    return tuple(out)


def _project_recommendation(
    result: AutodiagResult, routing: Routing, dui: DuiSituation | None
) -> Recommendation:
    fit = result.domain(routing.functional_domain)
    if dui is None or dui is DuiSituation.INCONNUE:
        return Recommendation(
            "projet.dui_inconnu",
            RecommendationKind.PROJET,
            "Situation du DUI non renseignée : répondez à la question sur le dossier usager "
            "pour savoir si le projet relève d'une acquisition ou d'une mise en conformité.",
        )
    project = suggest_project(dui, fit.score, threshold=routing.functional_threshold)
    if dui is DuiSituation.AUCUN:
        code = "projet.sans_dui"
        message = (
            "Pas de DUI aujourd'hui : le projet relève d'une acquisition de DUI, "
            "choisi parmi les solutions référencées Ségur après consultation des éditeurs."
        )
    elif dui is DuiSituation.REFERENCE:
        code = "projet.reference"
        message = (
            "DUI déjà référencé Ségur : le projet relève d'une mise en conformité "
            "(passage à la version référencée, déploiement et usages des services socles)."
        )
    elif project is ProjectType.ACQUISITION:
        code = "projet.non_reference_acquisition"
        message = (
            f"DUI non référencé Ségur et adéquation fonctionnelle faible ({fit.figure}, sous "
            f"le seuil de {routing.functional_threshold}) : l'outil actuel répond mal aux besoins "
            "des équipes, une acquisition d'un DUI référencé est suggérée plutôt que sa mise en "
            "conformité."
        )
    elif fit.score is None:
        code = "projet.non_reference_conformite"
        message = (
            "DUI non référencé Ségur : mise en conformité suggérée par défaut, si l'éditeur fait "
            "référencer sa solution (sinon, acquisition). Répondez aux questions d'adéquation "
            "fonctionnelle pour confirmer ce choix."
        )
    else:
        code = "projet.non_reference_conformite"
        message = (
            f"DUI non référencé Ségur mais adéquation fonctionnelle satisfaisante "
            f"({fit.figure}, seuil {routing.functional_threshold}) : une mise en conformité "
            "est suggérée pour garder l'outil que les équipes utilisent, à condition que "
            "l'éditeur fasse référencer sa solution au Ségur (sinon, acquisition)."
        )
    return Recommendation(code, RecommendationKind.PROJET, message, suggested_project=project)


def _equipment_recommendation(
    result: AutodiagResult, routing: Routing, small_og: bool
) -> Recommendation | None:
    infra = result.domain(routing.equipment_domain)
    if infra.score is None:
        if not small_og:
            return None
        dimension = infra.dimension
        typed = f" (ou saisissez le niveau MaturiN-SMS « {dimension.title} »)" if dimension else ""
        return Recommendation(
            "equipement.a_evaluer",
            RecommendationKind.EQUIPEMENT,
            f"Petit organisme gestionnaire : répondez au domaine « {infra.domain.title} »{typed} "
            "pour savoir si la ligne de financement des équipements est à demander.",
        )
    if infra.score >= routing.equipment_threshold:
        return None
    if small_og:
        return Recommendation(
            "equipement.petit_og",
            RecommendationKind.EQUIPEMENT,
            f"Équipements insuffisants ({infra.figure}, sous le seuil de "
            f"{routing.equipment_threshold}) dans un petit organisme gestionnaire : demandez la "
            "ligne de financement des équipements.",
            suggested_equipment=True,
        )
    return Recommendation(
        "equipement.hors_petit_og",
        RecommendationKind.EQUIPEMENT,
        f"Équipements insuffisants ({infra.figure}, sous le seuil de "
        f"{routing.equipment_threshold}), mais la ligne équipement est réservée aux petits "
        "organismes gestionnaires (moins de 15 ESSMS) : prévoyez un autre financement.",
    )


def _priorities(result: AutodiagResult, routing: Routing) -> list[Recommendation]:
    """The weakest assessed domains under ``priority_below``, weakest first, ties in file order."""
    weak = sorted(
        (d for d in result.domains if d.score is not None and d.score < routing.priority_below),
        key=lambda d: (d.score, d.domain.number),
    )[: routing.priority_count]
    out = []
    for rank, d in enumerate(weak, start=1):
        assert d.score is not None and d.level is not None  # filtered above
        out.append(
            Recommendation(
                f"priorite.{d.domain.id}",
                RecommendationKind.PRIORITE,
                f"Priorité {rank} — {d.domain.title} : {_figure_and_level(d)}. {d.domain.advice}",
                domain_id=d.domain.id,
            )
        )
    return out


def _figure_and_level(d: DomainScore) -> str:
    """« 35/100 (niveau 2, Émergence) », or for a typed level « niveau 2 (MaturiN-SMS, saisi),
    Émergence »: the source is always said."""
    assert d.level is not None
    if d.source is FigureSource.MATURIN:
        return f"{d.figure}, {d.level.name}"
    return f"{d.figure} (niveau {d.level.level}, {d.level.name})"


# --- reading files ---------------------------------------------------------------------------


def load_questionnaire(path: Path) -> Questionnaire:
    """Read and check a questionnaire file; any problem raises :class:`QuestionnaireError`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QuestionnaireError(
            f"Fichier du questionnaire illisible : {path} ({exc.strerror})"
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(
            f"Fichier du questionnaire mal formé : {path.name} ({exc})"
        ) from exc
    return parse_questionnaire(data, path.name)


class _Reader:
    """Typed access to a TOML table with French errors naming the file and key.

    Unknown keys are refused: a misspelt ``hlep`` would otherwise vanish silently from the screen.
    """

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, expected: str) -> QuestionnaireError:
        return QuestionnaireError(f"{self.where} : « {key} » — {expected}")

    def only(self, *keys: str) -> None:
        for key in self.data:
            if key not in keys:
                raise self.fail(key, "clé inconnue (clés possibles : " + ", ".join(keys) + ")")

    def text(self, key: str, default: str | None = None, *, empty_ok: bool = False) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "texte attendu")
        if not empty_ok and not value.strip():
            raise self.fail(key, "texte non vide attendu")
        return value.strip()

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not _ID.match(value):
            raise self.fail(key, "identifiant en minuscules, chiffres, « _ » et « . » attendu")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(key, f"nombre entier de {low} à {high} attendu")
        return value

    def sub(self, key: str) -> _Reader:
        value = self.data.get(key)
        if not isinstance(value, Mapping):
            raise self.fail(key, "table attendue")
        return _Reader(value, f"{self.where} [{key}]")

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        raw = self.data.get(key)
        if not isinstance(raw, list) or not all(isinstance(x, Mapping) for x in raw):
            raise self.fail(key, "liste de tables [[...]] attendue")
        if not raw:
            raise self.fail(key, "liste vide : au moins un élément attendu")
        return raw

    def value_keys(self, key: str, allowed: tuple[int, ...]) -> dict[int, Any]:
        """A table keyed by answer values (``{ 0 = …, 2 = … }``), checked against ``allowed``."""
        sub = self.sub(key)
        out: dict[int, Any] = {}
        for raw_key, value in sub.data.items():
            try:
                number = int(raw_key)
            except ValueError:
                raise sub.fail(raw_key, "valeur de réponse (nombre) attendue") from None
            if number not in allowed:
                raise sub.fail(
                    raw_key,
                    "réponse non proposée par la question (réponses : "
                    + ", ".join(str(v) for v in allowed)
                    + ")",
                )
            out[number] = value
        return out


def parse_questionnaire(data: Mapping[str, Any], where: str = "questionnaire") -> Questionnaire:
    """Build a :class:`Questionnaire` from parsed TOML, checking scale, bands, ids and routing."""
    top = _Reader(data, where)
    top.only("version", "title", "source", "scale", "levels", "routing", "domains", "maturin")
    scale = _parse_scale(top)
    levels = _parse_levels(top)

    seen: set[str] = set()
    domains: list[Domain] = []
    for i, raw in enumerate(top.tables("domains"), start=1):
        domain = _parse_domain(_Reader(raw, f"{where} [[domains]] n°{i}"), i, scale, seen)
        if any(d.id == domain.id for d in domains):
            raise QuestionnaireError(
                f"{where} [[domains]] n°{i} : « id » — domaine « {domain.id} » en double"
            )
        domains.append(domain)

    routing = _parse_routing(top.sub("routing"), domains)
    maturin = _parse_maturin(top, domains, levels) if "maturin" in top.data else None
    return Questionnaire(
        version=top.text("version"),
        title=top.text("title"),
        source=top.text("source"),
        scale=scale,
        levels=levels,
        domains=tuple(domains),
        routing=routing,
        maturin=maturin,
    )


def _parse_maturin(
    top: _Reader, domains: list[Domain], levels: tuple[MaturityLevel, ...]
) -> MaturinFramework:
    """The ``[maturin]`` table: MaturiN-SMS's dimensions, each mapped to one of our domains or to
    none (``domain`` left out). A typed level stands for our level of the same rank, so the file
    must have 5 levels; a domain takes one dimension at most, or its stand-in would be ambiguous."""
    r = top.sub("maturin")
    r.only("title", "source", "dimensions")
    if len(levels) != 5:
        raise top.fail("levels", "5 niveaux attendus quand la table [maturin] est présente")
    ids = {d.id for d in domains}
    dimensions: list[MaturinDimension] = []
    for i, raw in enumerate(r.tables("dimensions"), start=1):
        d = _Reader(raw, f"{r.where} dimension n°{i}")
        d.only("id", "title", "domain")
        did = d.identifier("id")
        domain = d.text("domain") if "domain" in d.data else None
        if domain is not None and domain not in ids:
            raise d.fail("domain", f"domaine « {domain} » absent du questionnaire")
        if any(x.id == did for x in dimensions):
            raise d.fail("id", f"dimension « {did} » en double")
        if domain is not None and any(x.domain_id == domain for x in dimensions):
            raise d.fail("domain", f"domaine « {domain} » déjà associé à une autre dimension")
        dimensions.append(MaturinDimension(did, i, d.text("title"), domain))
    if len(dimensions) != MATURIN_DIMENSION_COUNT:
        raise r.fail(
            "dimensions",
            f"{MATURIN_DIMENSION_COUNT} dimensions attendues (MaturiN-SMS), {len(dimensions)} lues",
        )
    return MaturinFramework(r.text("title"), r.text("source"), tuple(dimensions))


def _parse_scale(top: _Reader) -> tuple[ScaleLevel, ...]:
    scale = []
    for i, raw in enumerate(top.tables("scale")):
        r = _Reader(raw, f"{top.where} [[scale]] n°{i + 1}")
        r.only("value", "label", "description")
        if r.data.get("value") != i or not _is_int(r.data.get("value")):
            raise r.fail("value", f"{i} attendu (réponses 0, 1, 2… dans l'ordre)")
        scale.append(ScaleLevel(i, r.text("label"), r.text("description", "", empty_ok=True)))
    if len(scale) < 2:
        raise top.fail("scale", "au moins deux niveaux de réponse attendus")
    return tuple(scale)


def _parse_levels(top: _Reader) -> tuple[MaturityLevel, ...]:
    levels = []
    expected_min = 0
    for i, raw in enumerate(top.tables("levels"), start=1):
        r = _Reader(raw, f"{top.where} [[levels]] n°{i}")
        r.only("level", "name", "min", "max", "description")
        if r.data.get("level") != i or not _is_int(r.data.get("level")):
            raise r.fail("level", f"{i} attendu (niveaux 1, 2, 3… dans l'ordre)")
        low = r.integer("min", 0, 100)
        if low != expected_min:
            raise r.fail("min", f"{expected_min} attendu (bandes de score contiguës depuis 0)")
        high = r.integer("max", low, 100)
        levels.append(
            MaturityLevel(i, r.text("name"), low, high, r.text("description", "", empty_ok=True))
        )
        expected_min = high + 1
    if expected_min != 101:
        raise top.fail("levels", "la dernière bande de score doit finir à 100")
    return tuple(levels)


def _parse_domain(r: _Reader, number: int, scale: tuple[ScaleLevel, ...], seen: set[str]) -> Domain:
    r.only("id", "title", "description", "advice", "questions")
    did = r.identifier("id")
    r.where = f"{r.where} « {did} »"
    if "questions" not in r.data or r.data["questions"] == []:
        raise r.fail("questions", "domaine vide : au moins une question attendue")
    questions = []
    for j, raw in enumerate(r.tables("questions"), start=1):
        q = _parse_question(_Reader(raw, f"{r.where} question n°{j}"), scale)
        if q.id in seen:
            raise QuestionnaireError(
                f"{r.where} question n°{j} : « id » — identifiant « {q.id} » en double"
            )
        seen.add(q.id)
        questions.append(q)
    return Domain(
        did,
        number,
        r.text("title"),
        r.text("description", "", empty_ok=True),
        r.text("advice"),
        tuple(questions),
    )


def _parse_question(r: _Reader, scale: tuple[ScaleLevel, ...]) -> Question:
    r.only("id", "text", "help", "choices", "labels", "dui")
    qid = r.identifier("id")
    r.where = f"{r.where} « {qid} »"
    all_values = tuple(s.value for s in scale)
    values = all_values
    if "choices" in r.data:
        raw = r.data["choices"]
        if (
            not isinstance(raw, list)
            or len(raw) < 2
            or not all(_is_int(v) and v in all_values for v in raw)
            or raw != sorted(set(raw))
        ):
            raise r.fail(
                "choices",
                "liste croissante d'au moins deux réponses de l'échelle attendue ("
                + ", ".join(str(v) for v in all_values)
                + ")",
            )
        values = tuple(raw)
    labels = r.value_keys("labels", values) if "labels" in r.data else {}
    for value, label in labels.items():
        if not isinstance(label, str) or not label.strip():
            raise r.fail("labels", f"texte non vide attendu pour la réponse {value}")
    by_value = {s.value: s for s in scale}
    choices = tuple(
        ScaleLevel(v, labels[v].strip(), "") if v in labels else by_value[v] for v in values
    )
    dui: Mapping[int, DuiSituation] = _NO_DUI
    if "dui" in r.data:
        raw_dui = r.value_keys("dui", values)
        if set(raw_dui) != set(values):
            raise r.fail("dui", "une situation du DUI attendue pour chaque réponse possible")
        mapping = {}
        for value, raw_situation in sorted(raw_dui.items()):
            situation = _dui_situation(raw_situation)
            if situation is None:
                raise r.fail("dui", "aucun, non_reference ou reference attendu")
            mapping[value] = situation
        dui = MappingProxyType(mapping)
    return Question(qid, r.text("text"), r.text("help"), choices, dui)


def _dui_situation(raw: object) -> DuiSituation | None:
    """A known DUI situation from the file; ``inconnue`` is not an answer, so it is refused."""
    if not isinstance(raw, str):
        return None
    try:
        situation = DuiSituation(raw)
    except ValueError:
        return None
    return None if situation is DuiSituation.INCONNUE else situation


def _parse_routing(r: _Reader, domains: list[Domain]) -> Routing:
    r.only(
        "dui_question",
        "functional_domain",
        "functional_threshold",
        "equipment_domain",
        "equipment_threshold",
        "priority_count",
        "priority_below",
    )
    questions = {q.id: q for d in domains for q in d.questions}
    dui_question = r.text("dui_question")
    if dui_question not in questions:
        raise r.fail("dui_question", f"question « {dui_question} » absente du questionnaire")
    if not questions[dui_question].is_dui_question:
        raise r.fail("dui_question", f"la question « {dui_question} » n'a pas de table « dui »")
    for q in questions.values():
        if q.is_dui_question and q.id != dui_question:
            raise r.fail(
                "dui_question",
                f"la question « {q.id} » a une table « dui » mais n'est pas la question du DUI",
            )
    ids = {d.id for d in domains}
    for key in ("functional_domain", "equipment_domain"):
        if r.text(key) not in ids:
            raise r.fail(key, f"domaine « {r.text(key)} » absent du questionnaire")
    return Routing(
        dui_question=dui_question,
        functional_domain=r.text("functional_domain"),
        functional_threshold=r.integer("functional_threshold", 0, 100),
        equipment_domain=r.text("equipment_domain"),
        equipment_threshold=r.integer("equipment_threshold", 0, 100),
        priority_count=r.integer("priority_count", 0, len(domains)),
        priority_below=r.integer("priority_below", 0, 100),
    )
