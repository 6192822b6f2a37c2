"""Commune names: Statbel's qualifier and the German names of merged communes (synthetic)."""

import pandas as pd
import pytest

from geodata.build import _german_from_parts, _plain_names
from geodata.refnis import strip_qualifier


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Aalst (Aalst)", "Aalst"),
        ("Forest (Bruxelles-Capitale)", "Forest"),
        ("Vorst (Brussel-Hoofdstad)", "Vorst"),
        ("Saint-Léger (Virton) ", "Saint-Léger"),
        ("Nazareth-De Pinte", "Nazareth-De Pinte"),
        ("La Louvière", "La Louvière"),
    ],
)
def test_strip_qualifier(name, plain):
    assert strip_qualifier(name) == plain


def test_plain_names_keep_the_qualifier_only_where_names_would_clash():
    names = pd.DataFrame(
        {
            "name_fr": ["Alost (Alost)", "Saint-Nicolas (Saint-Nicolas)", "Saint-Nicolas (Liège)"],
            "name_nl": ["Aalst (Aalst)", "Sint-Niklaas (Sint-Niklaas)", "Saint-Nicolas (Luik)"],
            "name_de": ["Aalst (Aalst)", "Sint-Niklaas (Sint-Niklaas)", "Saint-Nicolas (Lüttich)"],
        },
        index=pd.Index(["41002", "46021", "62093"], name="nis"),
    )
    out = _plain_names(names)
    assert out.loc["41002"].tolist() == ["Alost", "Aalst", "Aalst"]
    # the French name of Sint-Niklaas would read like Saint-Nicolas near Liège, in every
    # language: both keep Statbel's qualifier there
    assert out.loc["46021"].tolist() == [
        "Saint-Nicolas (Saint-Nicolas)", "Sint-Niklaas", "Sint-Niklaas"
    ]  # fmt: skip
    assert out.loc["62093"].tolist() == names.loc["62093"].tolist()
    assert names.at["41002", "name_nl"] == "Aalst (Aalst)"  # input untouched


def test_german_name_from_the_former_commune_whose_name_was_taken():
    ref = pd.DataFrame(
        {
            "name_fr": ["Bastogne", "Bertogne", "Tielt (Tielt)"],
            "name_nl": ["Bastenaken", "Bertogne", "Tielt (Tielt)"],
            "name_de": ["Bastnach", "Bertogne", "Tielt (Tielt)"],
        },
        index=["82003", "82005", "37015"],
    )
    de, source = _german_from_parts("Bastogne", "fr", ["82003", "82005"], ref)
    assert de == "Bastnach"
    assert source == "Statbel REFNIS (name of the former commune Bastogne, 82003)"
    assert _german_from_parts("Tielt", "nl", ["37015"], ref) == (
        "Tielt",
        "Statbel REFNIS (name of the former commune Tielt, 37015)",
    )
    # a new name, or a name in the other language only, gives nothing: the caller falls back
    assert _german_from_parts("Bastenaken", "fr", ["82003", "82005"], ref) is None
    assert _german_from_parts("Pajottegem", "nl", ["82005"], ref) is None
    assert _german_from_parts("Bastogne", "fr", ["99999"], ref) is None
