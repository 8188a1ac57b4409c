"""The words of the plan page's "basis of the figures", in Bahasa Indonesia and English.

The rows themselves (each group and source with its citation, the rates, discounts and funding
rules with their regulation and dates, the discount's reading per payer) come from
:mod:`planner.engine.provenance`, as the CLI and the Excel export show them.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from planner.engine.provenance import reading_lines, rule_rows
from planner.engine.schema import Scenario
from planner.i18n import register, t

__all__ = ["PROVENANCE_TEXTS", "basis_labels", "marked", "rules_table"]

PROVENANCE_TEXTS: Final[dict[str, dict[str, str]]] = {
    "ui_col_basis": {"id": "Dasar angka", "en": "Basis"},
    "ui_col_assumed": {"id": "Ilustratif", "en": "Illustrative"},
    "ui_col_basis_help": {
        "id": "Sumber angka ini (peraturan, berita, data dinas); 'angka ilustratif' bila angka "
        "contoh, bukan data resmi",
        "en": "Where this figure comes from (regulation, news, office data); 'illustrative "
        "figure' when it is an example, not official data",
    },
    "ui_basis_figures": {
        "id": "Dasar angka kelompok dan sumber dana",
        "en": "Basis of the groups' and sources' figures",
    },
    "ui_col_item": {"id": "Kelompok atau sumber", "en": "Group or source"},
    "ui_basis_rules": {
        "id": "Dasar hukum tarif, diskon dan aturan pendanaan",
        "en": "Legal basis of the rates, discount and funding rules",
    },
}
register(PROVENANCE_TEXTS)


def basis_labels(lang: str) -> dict[str, str]:
    """Headers of the basis columns of the group and source tables."""
    return {"basis": t("ui_col_basis", lang), "assumed": t("ui_col_assumed", lang)}


def marked(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with ``assumed`` as the words "angka ilustratif" / "illustrative figure" or blank."""
    out = df.assign(assumed=[t("prov_assumed", lang) if v else "" for v in df["assumed"]],
                    basis=[b or "-" for b in df["basis"]])
    out.attrs = df.attrs
    return out


def rules_table(scenario: Scenario, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Return the rules in use as a table (item, regulation, dates) and the readings."""
    rows = rule_rows(scenario, lang)
    df = pd.DataFrame(rows, columns=[t("prov_col_item", lang), t("prov_col_basis", lang),
                                     t("prov_col_note", lang)])
    return df, reading_lines(scenario.policy, scenario, lang)

