"""Rebuild resources/nomenclature/categories.csv from the public FINESS files in ../shared/data.

Run by a developer when the nomenclature changes; the program only reads the built file.
Columns: code;libelle;statut;agregat;libelle_agregat;domaine;secteur.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "data" / "finess"

# Programme sectors (programme.md §2): the only hand-written part, from the programme's own lists.
SECTORS = {
    "PA": "500 501 502 202 207",
    "PH": "183 186 188 192 194 195 196 182 190 189 238 246 249 255 437 448 449 252 382 445 446",
    "DOMICILE": "354 209 460",
    "PE": "177 175 295 236 166",
    "AHI": "214 443 442 258 219",
    "PJM": "340 341 342 344",
    "SPECIFIQUE": "197 178 165 180",
}


def main() -> int:
    sector_of = {code: s for s, codes in SECTORS.items() for code in codes.split()}
    labels: dict[str, tuple[str, str]] = {}
    with open(SRC / "nomenclature-categories-2021.csv", encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    for row in csv.reader(lines[1:], delimiter=";"):
        labels[row[0].zfill(3)] = (row[1].strip(), row[2].strip())
    agregat: dict[str, tuple[str, str]] = {}
    with open(SRC / "agregat-categories-ASS_X10.tabs", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";"):
            if len(row) == 5 and row[3].isdigit():
                agregat[row[3].zfill(3)] = (row[2], row[4])
    agregat_label: dict[str, str] = {}
    with open(SRC / "categories-medicosociales.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            agregat_label[row["categagretab_niv3"]] = row["libelle_agregat_niv3_(TRE_R65)"]
            code = row["categetab"].zfill(3)
            labels.setdefault(code, (row["libelle_categorie_(DREES_2021)"], row["statut_2021"]))
    out = ROOT / "resources" / "nomenclature" / "categories.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(
            ["code", "libelle", "statut", "agregat", "libelle_agregat", "domaine", "secteur"]
        )
        for code in sorted(set(labels) | set(agregat)):
            label, status = labels.get(code, ("", ""))
            agg, domain = agregat.get(code, ("", ""))
            w.writerow(
                [
                    code,
                    label,
                    status,
                    agg,
                    agregat_label.get(agg, ""),
                    domain,
                    sector_of.get(code, "AUTRE"),
                ]
            )
    print(f"{out}: {len(set(labels) | set(agregat))} catégories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
