"""The U+202F line-break patch of ReportLab lives only as long as a render.

``reportlab.platypus.paragraph`` treats the narrow no-break space (U+202F) as breakable; our
documents rebind its helpers so that ``445 000 €`` stays one word. That rebinding is process-
wide, so it must be undone when the render ends (and must not be undone under a render still
running in another thread).
"""

from __future__ import annotations

import io
import threading
from datetime import date

import pypdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from esms_desktop.reports import base
from esms_desktop.reports.base import BaseDocument, DocumentMeta, para
from esms_desktop.reports.candidature import render_candidature
from esms_desktop.reports.partner_form import render_partner_form
from esms_desktop.services.assessment import assess, effective_campaign
from tests.reports.test_candidature import example_dossier

GENERATED = date(2025, 3, 12)
AMOUNT = "445\u202f000\u00a0€"


def is_reportlab_own() -> bool:
    """True when the paragraph module holds ReportLab's own helpers (not our patched ones)."""
    return (
        rl_paragraph.split.__module__ == rl_paragraph.__name__
        and "\u202f" in rl_paragraph._wsc
        and rl_paragraph._wsc_end_search("x\u202f") is not None
    )


class _AmountDocument(BaseDocument):
    """A one-page document printing an amount with a narrow no-break space, in a paragraph."""

    first_template = "portrait"

    def __init__(self) -> None:
        super().__init__(DocumentMeta("t", "s", "gauche", "droite", GENERATED), deterministic=True)
        self.seen_patched: bool | None = None

    def story(self) -> list:
        # story() runs inside render(): the patch must be in place while paragraphs are built.
        self.seen_patched = not is_reportlab_own()
        return [para(f"Montant demandé : {AMOUNT}")]


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_render_restores_reportlab_and_keeps_the_narrow_space():
    doc = _AmountDocument()
    data = doc.render().data
    assert doc.seen_patched is True
    assert is_reportlab_own()  # the originals are back once render() returns
    assert "445\u202f000" in pdf_text(data)  # and the figure kept its narrow no-break space


def test_partner_form_render_restores_reportlab():
    render_partner_form(None, GENERATED)
    assert is_reportlab_own()


def test_candidature_render_restores_reportlab():
    dossier = example_dossier()
    budget = assess(dossier.grappe, dossier.campaign_id, dossier.overrides)
    campaign = effective_campaign(dossier.campaign_id, dossier.overrides)
    data = render_candidature(dossier, budget, campaign, generated_on=GENERATED).data
    assert is_reportlab_own()
    assert "560\u202f000 €" in pdf_text(data).replace("\u00a0", " ")


def test_outside_a_render_reportlab_breaks_on_the_narrow_space_again():
    """ReportLab's own behaviour is back after a render: a paragraph splits on U+202F."""
    _AmountDocument().render()
    narrow = ParagraphStyle("n", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=0)
    p = Paragraph("445\u202f000", narrow)
    p.wrap(1, 100)  # narrower than any word, words not cut: one line per word
    assert len(p.blPara.lines) == 2
    with base.narrow_no_break_space_kept():
        q = Paragraph("445\u202f000", narrow)
        q.wrap(1, 100)
        assert len(q.blPara.lines) == 1


def test_patch_is_reentrant_and_shared_between_threads():
    outer_entered, inner_left = threading.Event(), threading.Event()
    results: list[bool] = []

    def background() -> None:
        with base.narrow_no_break_space_kept():
            outer_entered.set()
            inner_left.wait(timeout=30)
            results.append(not is_reportlab_own())  # still patched: another render left

    thread = threading.Thread(target=background)
    thread.start()
    assert outer_entered.wait(timeout=30)
    with base.narrow_no_break_space_kept():
        with base.narrow_no_break_space_kept():
            assert not is_reportlab_own()
        assert not is_reportlab_own()
    inner_left.set()
    thread.join(timeout=30)
    assert results == [True]
    assert is_reportlab_own()


def test_concurrent_renders_all_keep_the_narrow_space():
    outputs: list[bytes] = []
    lock = threading.Lock()

    def work() -> None:
        data = _AmountDocument().render().data
        with lock:
            outputs.append(data)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(outputs) == 4
    assert all("445\u202f000" in pdf_text(data) for data in outputs)
    assert len(set(outputs)) == 1  # same input, same bytes, whatever the interleaving
    assert is_reportlab_own()
