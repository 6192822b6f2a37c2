"""User-facing text in French, Dutch, German and English, and locale formats.

Pure Python (Babel only; no dash / plotly). Every string the dashboard shows comes from
:data:`CATALOGUE` through :func:`t`; numbers, percentages and dates are formatted by Babel
for the Belgian locale of the language (``fr_BE``, ``nl_BE``, ``de_BE``) or ``en_GB``.

Terminology follows Belgian official usage: CSIL (*cellule de sécurité intégrale locale*),
LIVC (*lokale integrale veiligheidscel*), *lokale integrale Sicherheitszelle*; commune /
gemeente / Gemeinde; zone de police / politiezone / Polizeizone.

Default language: **English**. The default only applies when neither the link (``?lang=``)
nor the browser's ``Accept-Language`` header names one of the four languages, i.e. for a
visitor whose browser asks for none of them. English is then the language such a visitor
is most likely to read, and it does not favour one of Belgium's language communities.
Every Belgian visitor whose browser is set to French, Dutch or German gets that language.

Placeholders are ``str.format`` fields (``{covered}``). :func:`t` formats ``int`` and
``float`` arguments with :func:`format_number` and ``datetime.date`` arguments with
:func:`format_date` in the target language; pass percentages already formatted with
:func:`format_percent`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, Literal

from babel import Locale, negotiate_locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton as _babel_format_skeleton
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from dashboard.coverage.messages import Param, Params
from dashboard.coverage.model import Flag, Status
from dashboard.i18n_import import IMPORT_MESSAGES

LANGUAGES: Final[tuple[str, ...]] = ("fr", "nl", "de", "en")
DEFAULT_LANGUAGE: Final = "en"  # see the module docstring for why

#: Babel locale per language (Belgian variants; British English for EN).
BABEL_LOCALES: Final[Mapping[str, str]] = MappingProxyType(
    {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}
)

#: Each language's name in that language, for the language switch (never translated).
LANGUAGE_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {"fr": "Français", "nl": "Nederlands", "de": "Deutsch", "en": "English"}
)

#: Shown for a missing number (None / NaN).
MISSING: Final = "–"

DateFormat = Literal["long", "medium", "short"]


def _msg(*, en: str, fr: str, nl: str, de: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "nl": nl, "de": de}


# ---------------------------------------------------------------------------------- catalogue
# Keys are grouped by prefix: app, control, dataset, pop_band, status, status_def, flag,
# flag_def, flag_group, region, region_short, province, level, measure, measure_def, kpi,
# table, breakdown, timeline, legend, hover, upload, field, notice, a11y, provenance, button,
# value, search; and import.reason / import.suggestion / import.phrase (the membership
# importer's messages, in dashboard/i18n_import.py).

_STATUS_MESSAGES: dict[str, dict[str, str]] = {
    f"status.{Status.OWN_CELL}": _msg(
        en="Own cell", fr="Cellule propre", nl="Eigen LIVC", de="Eigene Zelle"
    ),
    f"status.{Status.SHARED_CELL}": _msg(
        en="Shared cell", fr="Cellule partagée", nl="Gedeelde LIVC", de="Gemeinsame Zelle"
    ),
    f"status.{Status.PLANNED}": _msg(en="Planned", fr="En projet", nl="Gepland", de="Geplant"),
    f"status.{Status.NONE}": _msg(
        en="No cell", fr="Pas de cellule", nl="Geen LIVC", de="Keine Zelle"
    ),
    f"status.{Status.UNKNOWN}": _msg(
        en="Unknown (not reported)",
        fr="Inconnu (non communiqué)",
        nl="Onbekend (niet gemeld)",
        de="Unbekannt (nicht gemeldet)",
    ),
    f"status_def.{Status.OWN_CELL}": _msg(
        en="The commune has a cell of its own that serves this commune only.",
        fr="La commune dispose de sa propre cellule, compétente pour elle seule.",
        nl="De gemeente heeft een eigen LIVC die alleen voor deze gemeente werkt.",
        de="Die Gemeinde hat eine eigene Zelle, die nur für sie zuständig ist.",
    ),
    f"status_def.{Status.SHARED_CELL}": _msg(
        en=(
            "The commune takes part in a cell shared with other communes, "
            "for example at the level of its police zone."
        ),
        fr=(
            "La commune fait partie d'une cellule commune à plusieurs communes, "
            "par exemple au niveau de sa zone de police."
        ),
        nl=(
            "De gemeente neemt deel aan een LIVC samen met andere gemeenten, "
            "bijvoorbeeld op het niveau van haar politiezone."
        ),
        de=(
            "Die Gemeinde gehört einer Zelle an, die sie mit anderen Gemeinden teilt, "
            "zum Beispiel auf Ebene ihrer Polizeizone."
        ),
    ),
    f"status_def.{Status.PLANNED}": _msg(
        en="A source says a cell is being set up but is not yet in place.",
        fr="Une source indique qu'une cellule est en cours de création mais pas encore active.",
        nl="Een bron meldt dat een LIVC wordt opgericht maar nog niet actief is.",
        de="Eine Quelle meldet, dass eine Zelle eingerichtet wird, aber noch nicht besteht.",
    ),
    f"status_def.{Status.NONE}": _msg(
        en="A source says the commune has no cell.",
        fr="Une source indique que la commune n'a pas de cellule.",
        nl="Een bron meldt dat de gemeente geen LIVC heeft.",
        de="Eine Quelle meldet, dass die Gemeinde keine Zelle hat.",
    ),
    f"status_def.{Status.UNKNOWN}": _msg(
        en=(
            "No source and no imported file says anything about this commune at this date. "
            "This is not the same as having no cell."
        ),
        fr=(
            "Ni les sources ni le fichier importé ne disent rien de cette commune à cette "
            "date. Cela ne signifie pas qu'elle n'a pas de cellule."
        ),
        nl=(
            "Geen enkele bron en geen geïmporteerd bestand zegt iets over deze gemeente op "
            "deze datum. Dat betekent niet dat ze geen LIVC heeft."
        ),
        de=(
            "Keine Quelle und keine importierte Datei sagt zu diesem Datum etwas über diese "
            "Gemeinde. Das bedeutet nicht, dass sie keine Zelle hat."
        ),
    ),
}

_FLAG_MESSAGES: dict[str, dict[str, str]] = {
    f"flag.{Flag.PILOT_2016}": _msg(
        en="Pilot commune 2016",
        fr="Commune pilote 2016",
        nl="Pilootgemeente 2016",
        de="Pilotgemeinde 2016",
    ),
    f"flag.{Flag.ALLOCATION_2015}": _msg(
        en="Federal impulse grant 2015 (round 1)",
        fr="Subside fédéral d'impulsion 2015 (1er tour)",
        nl="Federale impulssubsidie 2015 (1e ronde)",
        de="Föderaler Impulszuschuss 2015 (1. Runde)",
    ),
    f"flag.{Flag.ALLOCATION_2015_ROUND2}": _msg(
        en="Federal impulse grant 2015 (round 2)",
        fr="Subside fédéral d'impulsion 2015 (2e tour)",
        nl="Federale impulssubsidie 2015 (2e ronde)",
        de="Föderaler Impulszuschuss 2015 (2. Runde)",
    ),
    f"flag.{Flag.PREVENTION_OFFICER_2015}": _msg(
        en="Federal grant for a radicalisation prevention officer 2015",
        fr="Allocation fédérale pour un fonctionnaire de prévention de la radicalisation 2015",
        nl="Federale toelage voor een preventieambtenaar radicalisering 2015",
        de="Föderale Zuwendung für eine Präventionsfachkraft gegen Radikalisierung 2015",
    ),
    f"flag.{Flag.FLEMISH_PROJECT_2015}": _msg(
        en="Flemish project grant 2015",
        fr="Subside de projet flamand 2015",
        nl="Vlaamse projectsubsidie 2015",
        de="Flämischer Projektzuschuss 2015",
    ),
    f"flag.{Flag.FLEMISH_PROJECT_2021}": _msg(
        en="Flemish project call 2021",
        fr="Appel à projets flamand 2021",
        nl="Vlaamse projectoproep 2021",
        de="Flämischer Projektaufruf 2021",
    ),
    f"flag.{Flag.WALLOON_PROJECT_2016}": _msg(
        en="Walloon project 2016 (living together, preventing radicalism)",
        fr="Projet wallon 2016 (vivre-ensemble, prévention du radicalisme)",
        nl="Waals project 2016 (samenleven, preventie van radicalisme)",
        de="Wallonisches Projekt 2016 (Zusammenleben, Radikalismusprävention)",
    ),
    f"flag.{Flag.WALLOON_SUBSIDY_2018}": _msg(
        en="Walloon grant 2018 (preventing violent radicalisation)",
        fr="Subside wallon 2018 (prévention de la radicalisation violente)",
        nl="Waalse subsidie 2018 (preventie van gewelddadige radicalisering)",
        de="Wallonischer Zuschuss 2018 (Prävention gewaltbereiter Radikalisierung)",
    ),
    f"flag.{Flag.WALLOON_PROJECT_2019}": _msg(
        en="Walloon CSIL-R coordination grant 2019",
        fr="Aide wallonne à la coordination des CSIL-R 2019",
        nl="Waalse steun voor de coördinatie van de LIVC-R 2019",
        de="Wallonische Koordinierungshilfe für CSIL-R 2019",
    ),
    f"flag_def.{Flag.PILOT_2016}": _msg(
        en="One of the 15 pilot communes that received a one-off federal allocation in 2016.",
        fr="L'une des 15 communes pilotes ayant reçu une allocation fédérale unique en 2016.",
        nl="Een van de 15 pilootgemeenten die in 2016 een eenmalige federale toelage kregen.",
        de="Eine der 15 Pilotgemeinden, die 2016 eine einmalige föderale Zuwendung erhielten.",
    ),
    f"flag_def.{Flag.ALLOCATION_2015}": _msg(
        en=(
            "Federal one-off grant for pilot projects against violent radicalisation, "
            "first round (royal decree of 9 November 2015)."
        ),
        fr=(
            "Subside fédéral unique pour des projets pilotes contre la radicalisation "
            "violente, premier tour (arrêté royal du 9 novembre 2015)."
        ),
        nl=(
            "Eenmalige federale subsidie voor proefprojecten tegen gewelddadige "
            "radicalisering, eerste ronde (koninklijk besluit van 9 november 2015)."
        ),
        de=(
            "Einmaliger föderaler Zuschuss für Pilotprojekte gegen gewaltbereite "
            "Radikalisierung, erste Runde (Königlicher Erlass vom 9. November 2015)."
        ),
    ),
    f"flag_def.{Flag.ALLOCATION_2015_ROUND2}": _msg(
        en=(
            "Federal one-off grant for pilot projects against violent radicalisation, "
            "second round (royal decree of 2 December 2015)."
        ),
        fr=(
            "Subside fédéral unique pour des projets pilotes contre la radicalisation "
            "violente, second tour (arrêté royal du 2 décembre 2015)."
        ),
        nl=(
            "Eenmalige federale subsidie voor proefprojecten tegen gewelddadige "
            "radicalisering, tweede ronde (koninklijk besluit van 2 december 2015)."
        ),
        de=(
            "Einmaliger föderaler Zuschuss für Pilotprojekte gegen gewaltbereite "
            "Radikalisierung, zweite Runde (Königlicher Erlass vom 2. Dezember 2015)."
        ),
    ),
    f"flag_def.{Flag.PREVENTION_OFFICER_2015}": _msg(
        en=(
            "Extra federal allocation in 2015 for a radicalisation prevention officer, "
            "within the commune's strategic security and prevention plan."
        ),
        fr=(
            "Allocation fédérale supplémentaire en 2015 pour un fonctionnaire de prévention "
            "de la radicalisation, dans le cadre du plan stratégique de sécurité et de "
            "prévention de la commune."
        ),
        nl=(
            "Extra federale toelage in 2015 voor een deradicaliseringsambtenaar, binnen het "
            "strategisch veiligheids- en preventieplan van de gemeente."
        ),
        de=(
            "Zusätzliche föderale Zuwendung 2015 für eine Präventionsfachkraft gegen "
            "Radikalisierung, im Rahmen des strategischen Sicherheits- und "
            "Präventionsplans der Gemeinde."
        ),
    ),
    f"flag_def.{Flag.FLEMISH_PROJECT_2015}": _msg(
        en=(
            "Flemish project grant (2015) for the local coordination role in preventing "
            "radicalisation; nine local governments."
        ),
        fr=(
            "Subside de projet flamand (2015) pour le rôle de coordination locale dans la "
            "prévention de la radicalisation ; neuf pouvoirs locaux."
        ),
        nl=(
            "Vlaamse projectsubsidie (2015) voor de lokale regierol in de preventie van "
            "radicalisering; negen lokale besturen."
        ),
        de=(
            "Flämischer Projektzuschuss (2015) für die lokale Koordinierungsrolle in der "
            "Radikalisierungsprävention; neun lokale Behörden."
        ),
    ),
    f"flag_def.{Flag.FLEMISH_PROJECT_2021}": _msg(
        en=(
            "Flemish project call (2021) to strengthen the local coordination role on "
            "radicalisation and polarisation; 14 projects covering 33 communes."
        ),
        fr=(
            "Appel à projets flamand (2021) pour renforcer le rôle de coordination locale "
            "face à la radicalisation et à la polarisation ; 14 projets couvrant 33 communes."
        ),
        nl=(
            "Vlaamse projectoproep (2021) om de lokale regierol rond radicalisering en "
            "polarisering te versterken; 14 projecten voor 33 gemeenten."
        ),
        de=(
            "Flämischer Projektaufruf (2021) zur Stärkung der lokalen Koordinierungsrolle "
            "bei Radikalisierung und Polarisierung; 14 Projekte für 33 Gemeinden."
        ),
    ),
    f"flag_def.{Flag.WALLOON_PROJECT_2016}": _msg(
        en=(
            "Walloon call 'Improving living together and preventing radicalism' (2016) "
            "for communes with a social cohesion plan."
        ),
        fr=(
            "Appel wallon « Amélioration du vivre-ensemble et prévention du radicalisme » "
            "(2016) pour les communes dotées d'un plan de cohésion sociale."
        ),
        nl=(
            "Waalse oproep 'Beter samenleven en preventie van radicalisme' (2016) voor "
            "gemeenten met een plan voor sociale cohesie."
        ),
        de=(
            "Wallonischer Aufruf „Besseres Zusammenleben und Radikalismusprävention“ "
            "(2016) für Gemeinden mit einem Plan für sozialen Zusammenhalt."
        ),
    ),
    f"flag_def.{Flag.WALLOON_SUBSIDY_2018}": _msg(
        en=(
            "Walloon call 'Preventing violent radicalisation' (2018); it required a "
            "communal consultation platform."
        ),
        fr=(
            "Appel wallon « Prévention de la radicalisation violente » (2018) ; il "
            "exigeait une plateforme de concertation communale."
        ),
        nl=(
            "Waalse oproep 'Preventie van gewelddadige radicalisering' (2018); een "
            "gemeentelijk overlegplatform was vereist."
        ),
        de=(
            "Wallonischer Aufruf „Prävention gewaltbereiter Radikalisierung“ (2018); "
            "eine kommunale Konzertierungsplattform war Voraussetzung."
        ),
    ),
    f"flag_def.{Flag.WALLOON_PROJECT_2019}": _msg(
        en=(
            "Walloon call 'Support for the coordination of CSIL-R' (2019); the amount may "
            "cover a whole police zone."
        ),
        fr=(
            "Appel wallon « Aide à la coordination des CSIL-R » (2019) ; le montant peut "
            "couvrir toute une zone de police."
        ),
        nl=(
            "Waalse oproep 'Steun voor de coördinatie van de LIVC-R' (2019); het bedrag "
            "kan voor een hele politiezone gelden."
        ),
        de=(
            "Wallonischer Aufruf „Koordinierungshilfe für CSIL-R“ (2019); der Betrag kann "
            "eine ganze Polizeizone betreffen."
        ),
    ),
    "flag_group.federal": _msg(
        en="Federal programmes",
        fr="Programmes fédéraux",
        nl="Federale programma's",
        de="Föderale Programme",
    ),
    "flag_group.regional": _msg(
        en="Regional programmes",
        fr="Programmes régionaux",
        nl="Gewestelijke programma's",
        de="Regionale Programme",
    ),
    "flag_group.any_regional": _msg(
        en="Any regional programme",
        fr="Tout programme régional",
        nl="Eender welk gewestelijk programma",
        de="Beliebiges regionales Programm",
    ),
}

_GEOGRAPHY_MESSAGES: dict[str, dict[str, str]] = {
    "region.BE": _msg(en="Belgium", fr="Belgique", nl="België", de="Belgien"),
    "region.02000": _msg(
        en="Flemish Region", fr="Région flamande", nl="Vlaams Gewest", de="Flämische Region"
    ),
    "region.03000": _msg(
        en="Walloon Region", fr="Région wallonne", nl="Waals Gewest", de="Wallonische Region"
    ),
    "region.04000": _msg(
        en="Brussels-Capital Region",
        fr="Région de Bruxelles-Capitale",
        nl="Brussels Hoofdstedelijk Gewest",
        de="Region Brüssel-Hauptstadt",
    ),
    "region.DG": _msg(
        en="German-speaking Community",
        fr="Communauté germanophone",
        nl="Duitstalige Gemeenschap",
        de="Deutschsprachige Gemeinschaft",
    ),
    "region_short.BE": _msg(en="Belgium", fr="Belgique", nl="België", de="Belgien"),
    "region_short.02000": _msg(en="Flanders", fr="Flandre", nl="Vlaanderen", de="Flandern"),
    "region_short.03000": _msg(en="Wallonia", fr="Wallonie", nl="Wallonië", de="Wallonien"),
    "region_short.04000": _msg(en="Brussels", fr="Bruxelles", nl="Brussel", de="Brüssel"),
    "region_short.DG": _msg(
        en="German-speaking Community",
        fr="Communauté germanophone",
        nl="Duitstalige Gemeenschap",
        de="Deutschsprachige Gemeinschaft",
    ),
    "region.DG.note": _msg(
        en=(
            "The nine communes of the German-speaking Community lie in the Walloon Region "
            "(province of Liège). Published figures report them separately; some Walloon "
            "figures may include them."
        ),
        fr=(
            "Les neuf communes de la Communauté germanophone sont situées en Région wallonne "
            "(province de Liège). Les chiffres publiés les présentent à part ; certains "
            "chiffres wallons peuvent les inclure."
        ),
        nl=(
            "De negen gemeenten van de Duitstalige Gemeenschap liggen in het Waals Gewest "
            "(provincie Luik). De gepubliceerde cijfers vermelden ze afzonderlijk; sommige "
            "Waalse cijfers kunnen ze meetellen."
        ),
        de=(
            "Die neun Gemeinden der Deutschsprachigen Gemeinschaft liegen in der "
            "Wallonischen Region (Provinz Lüttich). Die veröffentlichten Zahlen weisen sie "
            "getrennt aus; manche wallonische Zahlen können sie einschließen."
        ),
    ),
    "province.10000": _msg(en="Antwerp", fr="Anvers", nl="Antwerpen", de="Antwerpen"),
    "province.20001": _msg(
        en="Flemish Brabant", fr="Brabant flamand", nl="Vlaams-Brabant", de="Flämisch-Brabant"
    ),
    "province.20002": _msg(
        en="Walloon Brabant", fr="Brabant wallon", nl="Waals-Brabant", de="Wallonisch-Brabant"
    ),
    "province.30000": _msg(
        en="West Flanders", fr="Flandre-Occidentale", nl="West-Vlaanderen", de="Westflandern"
    ),
    "province.40000": _msg(
        en="East Flanders", fr="Flandre-Orientale", nl="Oost-Vlaanderen", de="Ostflandern"
    ),
    "province.50000": _msg(en="Hainaut", fr="Hainaut", nl="Henegouwen", de="Hennegau"),
    "province.60000": _msg(en="Liège", fr="Liège", nl="Luik", de="Lüttich"),
    "province.70000": _msg(en="Limburg", fr="Limbourg", nl="Limburg", de="Limburg"),
    "province.80000": _msg(en="Luxembourg", fr="Luxembourg", nl="Luxemburg", de="Luxemburg"),
    "province.90000": _msg(en="Namur", fr="Namur", nl="Namen", de="Namur"),
    "level.region": _msg(en="Region", fr="Région", nl="Gewest", de="Region"),
    "level.province": _msg(en="Province", fr="Province", nl="Provincie", de="Provinz"),
    "level.arrondissement": _msg(
        en="Arrondissement", fr="Arrondissement", nl="Arrondissement", de="Bezirk"
    ),
    "level.police_zone": _msg(
        en="Police zone", fr="Zone de police", nl="Politiezone", de="Polizeizone"
    ),
    "level.commune": _msg(en="Commune", fr="Commune", nl="Gemeente", de="Gemeinde"),
}

_MEASURE_MESSAGES: dict[str, dict[str, str]] = {
    "measure.cells": _msg(en="Cells", fr="Cellules", nl="LIVC's", de="Zellen"),
    "measure.communes_with_cell": _msg(
        en="Communes with a cell",
        fr="Communes dotées d'une cellule",
        nl="Gemeenten met een LIVC",
        de="Gemeinden mit einer Zelle",
    ),
    "measure.communes_involved": _msg(
        en="Communes involved in a cell",
        fr="Communes participant à une cellule",
        nl="Gemeenten betrokken bij een LIVC",
        de="An einer Zelle beteiligte Gemeinden",
    ),
    "measure.communes_without_cell": _msg(
        en="Communes without a cell",
        fr="Communes sans cellule",
        nl="Gemeenten zonder LIVC",
        de="Gemeinden ohne Zelle",
    ),
    "measure.communes_without_own_cell": _msg(
        en="Communes without a cell of their own",
        fr="Communes sans cellule propre",
        nl="Gemeenten zonder eigen LIVC",
        de="Gemeinden ohne eigene Zelle",
    ),
    "measure.communes_total": _msg(
        en="Communes in total",
        fr="Nombre total de communes",
        nl="Totaal aantal gemeenten",
        de="Gemeinden insgesamt",
    ),
    "measure.communes_unknown": _msg(
        en="Communes not reported",
        fr="Communes non communiquées",
        nl="Niet gemelde gemeenten",
        de="Nicht gemeldete Gemeinden",
    ),
    "measure.share_communes_covered": _msg(
        en="Share of communes covered",
        fr="Part des communes couvertes",
        nl="Aandeel gedekte gemeenten",
        de="Anteil der abgedeckten Gemeinden",
    ),
    "measure.share_population_covered": _msg(
        en="Share of population covered",
        fr="Part de la population couverte",
        nl="Aandeel gedekte bevolking",
        de="Anteil der abgedeckten Bevölkerung",
    ),
    "measure.unclear_cells_or_communes": _msg(
        en="Cells or communes (unclear)",
        fr="Cellules ou communes (ambigu)",
        nl="LIVC's of gemeenten (onduidelijk)",
        de="Zellen oder Gemeinden (unklar)",
    ),
    "measure_def.cells": _msg(
        en=(
            "Number of cells. One cell can serve several communes: a shared or police-zone "
            "cell counts once."
        ),
        fr=(
            "Nombre de cellules. Une cellule peut servir plusieurs communes : une cellule "
            "partagée ou de zone de police compte pour une."
        ),
        nl=(
            "Aantal LIVC's. Eén LIVC kan voor meerdere gemeenten werken: een gedeelde LIVC "
            "of een LIVC op politiezoneniveau telt één keer."
        ),
        de=(
            "Anzahl der Zellen. Eine Zelle kann für mehrere Gemeinden zuständig sein: eine "
            "gemeinsame Zelle oder eine Zelle der Polizeizone zählt einmal."
        ),
    ),
    "measure_def.communes_with_cell": _msg(
        en="Communes covered by a cell, their own or a shared one.",
        fr="Communes couvertes par une cellule, propre ou partagée.",
        nl="Gemeenten die gedekt zijn door een LIVC, eigen of gedeeld.",
        de="Gemeinden, die von einer Zelle abgedeckt sind, einer eigenen oder gemeinsamen.",
    ),
    "measure_def.communes_involved": _msg(
        en=(
            "Wording of the 2016 survey: communes taking part in a cell. Close to "
            "'communes with a cell'."
        ),
        fr=(
            "Formulation de l'enquête de 2016 : communes participant à une cellule. Proche "
            "de « communes dotées d'une cellule »."
        ),
        nl=(
            "Formulering van de bevraging van 2016: gemeenten die deelnemen aan een LIVC. "
            "Ligt dicht bij 'gemeenten met een LIVC'."
        ),
        de=(
            "Formulierung der Umfrage von 2016: an einer Zelle beteiligte Gemeinden. Kommt "
            "„Gemeinden mit einer Zelle“ nahe."
        ),
    ),
    "measure_def.communes_without_cell": _msg(
        en="Communes reported as having no cell (yet).",
        fr="Communes signalées comme n'ayant pas (encore) de cellule.",
        nl="Gemeenten waarvan gemeld is dat ze (nog) geen LIVC hebben.",
        de="Gemeinden, die als (noch) ohne Zelle gemeldet sind.",
    ),
    "measure_def.communes_without_own_cell": _msg(
        en=(
            "Communes without a cell of their own; the source does not say whether "
            "communes in a shared cell are included."
        ),
        fr=(
            "Communes sans cellule propre ; la source ne précise pas si les communes "
            "membres d'une cellule partagée sont comptées."
        ),
        nl=(
            "Gemeenten zonder eigen LIVC; de bron zegt niet of gemeenten in een gedeelde "
            "LIVC meetellen."
        ),
        de=(
            "Gemeinden ohne eigene Zelle; die Quelle sagt nicht, ob Gemeinden in einer "
            "gemeinsamen Zelle mitgezählt sind."
        ),
    ),
    "measure_def.communes_total": _msg(
        en="Number of communes in the area, as stated by the source (589 or 581 for Belgium).",
        fr=("Nombre de communes de la zone, selon la source (589 ou 581 pour la Belgique)."),
        nl="Aantal gemeenten in het gebied volgens de bron (589 of 581 voor België).",
        de="Anzahl der Gemeinden im Gebiet laut Quelle (589 oder 581 für Belgien).",
    ),
    "measure_def.communes_unknown": _msg(
        en=(
            "Communes about which no source says anything. Federal tables never add up to "
            "all communes, so this is a real category, not an error."
        ),
        fr=(
            "Communes sur lesquelles aucune source ne dit rien. Les tableaux fédéraux "
            "n'atteignent jamais le total des communes : c'est une vraie catégorie, pas "
            "une erreur."
        ),
        nl=(
            "Gemeenten waarover geen enkele bron iets zegt. De federale tabellen tellen "
            "nooit op tot alle gemeenten: dit is een echte categorie, geen fout."
        ),
        de=(
            "Gemeinden, über die keine Quelle etwas sagt. Die föderalen Tabellen ergeben "
            "nie die Gesamtzahl der Gemeinden: Dies ist eine echte Kategorie, kein Fehler."
        ),
    ),
    "measure_def.share_communes_covered": _msg(
        en=(
            "Communes with a cell (own or shared) divided by all communes of the area, "
            "including those not reported."
        ),
        fr=(
            "Communes dotées d'une cellule (propre ou partagée) divisées par toutes les "
            "communes de la zone, y compris celles non communiquées."
        ),
        nl=(
            "Gemeenten met een LIVC (eigen of gedeeld) gedeeld door alle gemeenten van het "
            "gebied, ook de niet gemelde."
        ),
        de=(
            "Gemeinden mit einer Zelle (eigene oder gemeinsame) geteilt durch alle "
            "Gemeinden des Gebiets, einschließlich der nicht gemeldeten."
        ),
    ),
    "measure_def.share_population_covered": _msg(
        en=("Inhabitants of communes with a cell divided by all inhabitants of the area."),
        fr=(
            "Habitants des communes dotées d'une cellule divisés par tous les habitants de la zone."
        ),
        nl="Inwoners van gemeenten met een LIVC gedeeld door alle inwoners van het gebied.",
        de="Einwohner der Gemeinden mit einer Zelle geteilt durch alle Einwohner des Gebiets.",
    ),
    "measure_def.unclear_cells_or_communes": _msg(
        en="A published figure whose wording does not say whether it counts cells or communes.",
        fr=(
            "Chiffre publié dont la formulation ne dit pas s'il compte des cellules ou des "
            "communes."
        ),
        nl=(
            "Een gepubliceerd cijfer waarvan de formulering niet zegt of het LIVC's of "
            "gemeenten telt."
        ),
        de=(
            "Eine veröffentlichte Zahl, deren Wortlaut nicht sagt, ob sie Zellen oder "
            "Gemeinden zählt."
        ),
    ),
}

_UI_MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------------- page
    "app.title": _msg(
        en="CSIL coverage atlas",
        fr="Atlas de couverture des CSIL",
        nl="Atlas van de LIVC-dekking",
        de="Atlas der Abdeckung durch CSIL",
    ),
    "app.subtitle": _msg(
        en=(
            "Which Belgian communes are covered by a local integral security cell "
            "(CSIL/LIVC), which are not, and where the record is silent."
        ),
        fr=(
            "Quelles communes belges sont couvertes par une cellule de sécurité intégrale "
            "locale (CSIL), lesquelles ne le sont pas, et où les sources se taisent."
        ),
        nl=(
            "Welke Belgische gemeenten gedekt zijn door een lokale integrale veiligheidscel "
            "(LIVC), welke niet, en waar de bronnen zwijgen."
        ),
        de=(
            "Welche belgischen Gemeinden durch eine lokale integrale Sicherheitszelle "
            "(CSIL) abgedeckt sind, welche nicht, und wo die Quellen schweigen."
        ),
    ),
    "app.cell_term": _msg(
        en="local integral security cell (CSIL/LIVC)",
        fr="cellule de sécurité intégrale locale (CSIL)",
        nl="lokale integrale veiligheidscel (LIVC)",
        de="lokale integrale Sicherheitszelle (CSIL)",
    ),
    "app.cell_term_definition": _msg(
        en=(
            "A local case-consultation body chaired by the mayor. Since the law of "
            "30 July 2018, every commune must have one on radicalism, extremism and "
            "terrorism (CSIL-R/LIVC-R); two or more communes may share one."
        ),
        fr=(
            "Organe local de concertation de cas présidé par le bourgmestre. Depuis la loi "
            "du 30 juillet 2018, chaque commune doit en avoir une en matière de radicalisme, "
            "d'extrémisme et de terrorisme (CSIL-R) ; plusieurs communes peuvent la partager."
        ),
        nl=(
            "Een lokaal casusoverleg onder voorzitterschap van de burgemeester. Sinds de wet "
            "van 30 juli 2018 moet elke gemeente er een hebben inzake radicalisme, "
            "extremisme en terrorisme (LIVC-R); twee of meer gemeenten mogen er samen een "
            "oprichten."
        ),
        de=(
            "Ein lokales Fallbesprechungsgremium unter dem Vorsitz des Bürgermeisters. Seit "
            "dem Gesetz vom 30. Juli 2018 muss jede Gemeinde eine Zelle für Radikalismus, "
            "Extremismus und Terrorismus (CSIL-R) haben; mehrere Gemeinden können sie teilen."
        ),
    ),
    # ------------------------------------------------------------------------- controls
    "control.dataset": _msg(en="Data", fr="Données", nl="Gegevens", de="Daten"),
    "dataset.public": _msg(
        en="Public record",
        fr="Sources publiques",
        nl="Openbare bronnen",
        de="Öffentliche Quellen",
    ),
    "dataset.example": _msg(
        en="Illustrative example",
        fr="Exemple illustratif",
        nl="Illustratief voorbeeld",
        de="Anschauungsbeispiel",
    ),
    "dataset.upload": _msg(
        en="Uploaded file",
        fr="Fichier importé",
        nl="Geüpload bestand",
        de="Hochgeladene Datei",
    ),
    "control.date": _msg(en="Date", fr="Date", nl="Datum", de="Datum"),
    "control.date_latest": _msg(
        en="Latest", fr="Plus récente", nl="Meest recent", de="Neuester Stand"
    ),
    "control.region": _msg(en="Region", fr="Région", nl="Gewest", de="Region"),
    "control.region_all": _msg(
        en="All regions", fr="Toutes les régions", nl="Alle gewesten", de="Alle Regionen"
    ),
    "control.province": _msg(en="Province", fr="Province", nl="Provincie", de="Provinz"),
    "control.province_all": _msg(
        en="All provinces",
        fr="Toutes les provinces",
        nl="Alle provincies",
        de="Alle Provinzen",
    ),
    "control.status": _msg(en="Status", fr="Statut", nl="Status", de="Status"),
    "control.status_all": _msg(
        en="All statuses", fr="Tous les statuts", nl="Alle statussen", de="Alle Status"
    ),
    "control.flag": _msg(en="Programme", fr="Programme", nl="Programma", de="Programm"),
    "control.flag_all": _msg(
        en="Any or no programme",
        fr="Avec ou sans programme",
        nl="Met of zonder programma",
        de="Mit oder ohne Programm",
    ),
    "control.pop_band": _msg(en="Population", fr="Population", nl="Bevolking", de="Einwohnerzahl"),
    "control.level": _msg(
        en="Break down by", fr="Ventiler par", nl="Uitsplitsen per", de="Aufschlüsseln nach"
    ),
    "control.language": _msg(en="Language", fr="Langue", nl="Taal", de="Sprache"),
    "control.commune_search": _msg(
        en="Find a commune",
        fr="Rechercher une commune",
        nl="Gemeente zoeken",
        de="Gemeinde suchen",
    ),
    "control.commune_search_placeholder": _msg(
        en="Name or NIS code",
        fr="Nom ou code INS",
        nl="Naam of NIS-code",
        de="Name oder NIS-Kennziffer",
    ),
    "control.filters": _msg(en="Filters", fr="Filtres", nl="Filters", de="Filter"),
    "pop_band.all": _msg(
        en="All sizes",
        fr="Toutes tailles",
        nl="Alle groottes",
        de="Alle Größen",
    ),
    "pop_band.under": _msg(
        en="Fewer than {high} inhabitants",
        fr="Moins de {high} habitants",
        nl="Minder dan {high} inwoners",
        de="Weniger als {high} Einwohner",
    ),
    "pop_band.between": _msg(
        en="{low} to {high} inhabitants",
        fr="De {low} à {high} habitants",
        nl="{low} tot {high} inwoners",
        de="{low} bis {high} Einwohner",
    ),
    "pop_band.over": _msg(
        en="{low} inhabitants or more",
        fr="{low} habitants ou plus",
        nl="{low} inwoners of meer",
        de="{low} Einwohner oder mehr",
    ),
    "value.inhabitants": _msg(
        en="{n} inhabitants", fr="{n} habitants", nl="{n} inwoners", de="{n} Einwohner"
    ),
    "value.missing": _msg(
        en="not available", fr="non disponible", nl="niet beschikbaar", de="nicht verfügbar"
    ),
    "value.yes": _msg(en="yes", fr="oui", nl="ja", de="ja"),
    "value.no": _msg(en="no", fr="non", nl="nee", de="nein"),
    "search.no_match": _msg(
        en="No commune matches “{query}”.",
        fr="Aucune commune ne correspond à « {query} ».",
        nl="Geen gemeente gevonden voor ‘{query}’.",
        de="Keine Gemeinde passt zu „{query}“.",
    ),
    "search.selected": _msg(
        en="Selected commune: {name}",
        fr="Commune sélectionnée : {name}",
        nl="Geselecteerde gemeente: {name}",
        de="Ausgewählte Gemeinde: {name}",
    ),
    # ------------------------------------------------------------------------- key figures
    "kpi.title": _msg(en="Key figures", fr="Chiffres clés", nl="Kerncijfers", de="Eckdaten"),
    "kpi.selection": _msg(
        en="Current selection",
        fr="Sélection actuelle",
        nl="Huidige selectie",
        de="Aktuelle Auswahl",
    ),
    "kpi.covered_of_total": _msg(
        en="{covered} of {total} communes",
        fr="{covered} communes sur {total}",
        nl="{covered} van de {total} gemeenten",
        de="{covered} von {total} Gemeinden",
    ),
    "kpi.cells": _msg(en="Cells", fr="Cellules", nl="LIVC's", de="Zellen"),
    "kpi.communes_covered": _msg(
        en="Communes covered",
        fr="Communes couvertes",
        nl="Gedekte gemeenten",
        de="Abgedeckte Gemeinden",
    ),
    "kpi.share_communes": _msg(
        en="Share of communes covered",
        fr="Part des communes couvertes",
        nl="Aandeel gedekte gemeenten",
        de="Anteil abgedeckter Gemeinden",
    ),
    "kpi.share_population": _msg(
        en="Share of population covered",
        fr="Part de la population couverte",
        nl="Aandeel gedekte bevolking",
        de="Anteil abgedeckter Bevölkerung",
    ),
    "kpi.belgium": _msg(en="Belgium", fr="Belgique", nl="België", de="Belgien"),
    "kpi.benchmark_value": _msg(
        en="{area}: {value}",
        fr="{area} : {value}",
        nl="{area}: {value}",
        de="{area}: {value}",
    ),
    "kpi.as_of": _msg(en="as of {date}", fr="au {date}", nl="op {date}", de="Stand: {date}"),
    # ------------------------------------------------------------------------- breakdown
    "table.level": _msg(en="Area", fr="Zone", nl="Gebied", de="Gebiet"),
    "table.cells": _msg(en="Cells", fr="Cellules", nl="LIVC's", de="Zellen"),
    "table.communes": _msg(en="Communes", fr="Communes", nl="Gemeenten", de="Gemeinden"),
    "table.own": _msg(en="Own", fr="Propre", nl="Eigen", de="Eigene"),
    "table.shared": _msg(en="Shared", fr="Partagée", nl="Gedeeld", de="Gemeinsam"),
    "table.planned": _msg(en="Planned", fr="En projet", nl="Gepland", de="Geplant"),
    "table.none": _msg(en="None", fr="Aucune", nl="Geen", de="Keine"),
    "table.unknown": _msg(
        en="Not reported", fr="Non communiqué", nl="Niet gemeld", de="Nicht gemeldet"
    ),
    "table.share_communes": _msg(
        en="Share of communes",
        fr="Part des communes",
        nl="Aandeel gemeenten",
        de="Anteil Gemeinden",
    ),
    "table.share_population": _msg(
        en="Share of population",
        fr="Part de la population",
        nl="Aandeel bevolking",
        de="Anteil Bevölkerung",
    ),
    "table.population": _msg(en="Population", fr="Population", nl="Bevolking", de="Einwohner"),
    "table.commune": _msg(en="Commune", fr="Commune", nl="Gemeente", de="Gemeinde"),
    "table.nis": _msg(en="NIS code", fr="Code INS", nl="NIS-code", de="NIS-Kennziffer"),
    "table.status": _msg(en="Status", fr="Statut", nl="Status", de="Status"),
    "table.cell": _msg(en="Cell", fr="Cellule", nl="LIVC", de="Zelle"),
    "table.flags": _msg(en="Programmes", fr="Programmes", nl="Programma's", de="Programme"),
    "table.source": _msg(en="Source", fr="Source", nl="Bron", de="Quelle"),
    "table.empty": _msg(
        en="No commune matches these filters.",
        fr="Aucune commune ne correspond à ces filtres.",
        nl="Geen enkele gemeente voldoet aan deze filters.",
        de="Keine Gemeinde entspricht diesen Filtern.",
    ),
    # ------------------------------------------------------------------------- timeline
    "timeline.title": _msg(
        en="Published figures over time",
        fr="Évolution des chiffres publiés",
        nl="Gepubliceerde cijfers doorheen de tijd",
        de="Veröffentlichte Zahlen im Zeitverlauf",
    ),
    "timeline.x_axis": _msg(en="Date", fr="Date", nl="Datum", de="Datum"),
    # ------------------------------------------------------------------------- map
    "legend.title": _msg(en="CSIL status", fr="Statut CSIL", nl="LIVC-status", de="CSIL-Status"),
    "legend.flags": _msg(en="Programmes", fr="Programmes", nl="Programma's", de="Programme"),
    "hover.status": _msg(en="Status", fr="Statut", nl="Status", de="Status"),
    "hover.cell": _msg(en="Cell", fr="Cellule", nl="LIVC", de="Zelle"),
    "hover.members": _msg(
        en="Member communes",
        fr="Communes membres",
        nl="Deelnemende gemeenten",
        de="Mitgliedsgemeinden",
    ),
    "hover.population": _msg(en="Population", fr="Population", nl="Bevolking", de="Einwohner"),
    "hover.source": _msg(en="Source", fr="Source", nl="Bron", de="Quelle"),
    "hover.flags": _msg(en="Programmes", fr="Programmes", nl="Programma's", de="Programme"),
    "hover.partial": _msg(
        en="Only part of this (merged) commune is covered.",
        fr="Seule une partie de cette commune (fusionnée) est couverte.",
        nl="Slechts een deel van deze (gefuseerde) gemeente is gedekt.",
        de="Nur ein Teil dieser (fusionierten) Gemeinde ist abgedeckt.",
    ),
    # ------------------------------------------------------------------------- upload
    "upload.title": _msg(
        en="Import a membership file",
        fr="Importer un fichier d'appartenance",
        nl="Een lidmaatschapsbestand importeren",
        de="Eine Mitgliedschaftsdatei importieren",
    ),
    "upload.drop": _msg(
        en="Drop a CSV or Excel file here, or click to choose one",
        fr="Déposez ici un fichier CSV ou Excel, ou cliquez pour en choisir un",
        nl="Sleep hier een CSV- of Excelbestand naartoe, of klik om er een te kiezen",
        de="Ziehen Sie eine CSV- oder Excel-Datei hierher oder klicken Sie, um eine zu wählen",
    ),
    "upload.template": _msg(
        en="Download the template",
        fr="Télécharger le modèle",
        nl="Het sjabloon downloaden",
        de="Vorlage herunterladen",
    ),
    "upload.session_only": _msg(
        en="Your file stays in this browser session only; it is neither stored nor shared.",
        fr=(
            "Votre fichier reste uniquement dans cette session du navigateur ; il n'est ni "
            "conservé ni partagé."
        ),
        nl=(
            "Uw bestand blijft alleen in deze browsersessie; het wordt niet bewaard en niet "
            "gedeeld."
        ),
        de=(
            "Ihre Datei bleibt nur in dieser Browsersitzung; sie wird weder gespeichert "
            "noch geteilt."
        ),
    ),
    "upload.success": _msg(
        en="{file} imported: {count} communes, as of {date}.",
        fr="{file} importé : {count} communes, au {date}.",
        nl="{file} geïmporteerd: {count} gemeenten, op {date}.",
        de="{file} importiert: {count} Gemeinden, Stand {date}.",
    ),
    "upload.errors_title": _msg(
        en="The file could not be used. Please correct these rows and try again.",
        fr="Le fichier n'a pas pu être utilisé. Corrigez ces lignes et réessayez.",
        nl="Het bestand kon niet gebruikt worden. Verbeter deze rijen en probeer opnieuw.",
        de=(
            "Die Datei konnte nicht verwendet werden. Bitte korrigieren Sie diese Zeilen "
            "und versuchen Sie es erneut."
        ),
    ),
    "upload.previous_kept": _msg(
        en="The data shown before is kept.",
        fr="Les données affichées précédemment sont conservées.",
        nl="De eerder getoonde gegevens blijven behouden.",
        de="Die zuvor angezeigten Daten bleiben erhalten.",
    ),
    "upload.unreadable": _msg(
        en="The file could not be read as CSV or Excel.",
        fr="Le fichier n'a pas pu être lu comme CSV ou Excel.",
        nl="Het bestand kon niet gelezen worden als CSV of Excel.",
        de="Die Datei konnte nicht als CSV oder Excel gelesen werden.",
    ),
    "upload.too_large": _msg(
        en="The file is too large (limit: {limit}).",
        fr="Le fichier est trop volumineux (limite : {limit}).",
        nl="Het bestand is te groot (limiet: {limit}).",
        de="Die Datei ist zu groß (Grenze: {limit}).",
    ),
    "upload.col.file": _msg(en="File", fr="Fichier", nl="Bestand", de="Datei"),
    "upload.col.row": _msg(en="Row", fr="Ligne", nl="Rij", de="Zeile"),
    "upload.col.column": _msg(en="Column", fr="Colonne", nl="Kolom", de="Spalte"),
    "upload.col.value": _msg(en="Value", fr="Valeur", nl="Waarde", de="Wert"),
    "upload.col.reason": _msg(en="Problem", fr="Problème", nl="Probleem", de="Problem"),
    "upload.col.suggestion": _msg(en="Suggestion", fr="Suggestion", nl="Suggestie", de="Vorschlag"),
    "upload.mapping_prompt": _msg(
        en="Some column headers were not recognised. Say what each column contains:",
        fr=(
            "Certains en-têtes de colonne n'ont pas été reconnus. Indiquez le contenu de chaque "
            "colonne :"
        ),
        nl="Sommige kolomkoppen werden niet herkend. Geef aan wat elke kolom bevat:",
        de=(
            "Einige Spaltenüberschriften wurden nicht erkannt. Geben Sie an, was jede Spalte "
            "enthält:"
        ),
    ),
    "upload.mapping_column": _msg(
        en="Column “{header}”",
        fr="Colonne « {header} »",
        nl="Kolom ‘{header}’",
        de="Spalte „{header}“",
    ),
    "upload.mapping_apply": _msg(
        en="Apply and import",
        fr="Appliquer et importer",
        nl="Toepassen en importeren",
        de="Übernehmen und importieren",
    ),
    "field.nis": _msg(en="NIS code", fr="Code INS", nl="NIS-code", de="NIS-Kennziffer"),
    "field.commune": _msg(
        en="Commune name", fr="Nom de la commune", nl="Gemeentenaam", de="Gemeindename"
    ),
    "field.status": _msg(en="Status", fr="Statut", nl="Status", de="Status"),
    "field.cell": _msg(en="Cell", fr="Cellule", nl="LIVC", de="Zelle"),
    "field.as_of": _msg(en="Reference date", fr="Date de référence", nl="Peildatum", de="Stichtag"),
    "field.source": _msg(en="Source", fr="Source", nl="Bron", de="Quelle"),
    "field.comment": _msg(en="Comment", fr="Commentaire", nl="Opmerking", de="Kommentar"),
    "field.ignore": _msg(
        en="Ignore this column",
        fr="Ignorer cette colonne",
        nl="Deze kolom negeren",
        de="Diese Spalte ignorieren",
    ),
    # ------------------------------------------------------------------------- notices
    "notice.link.malformed": _msg(
        en="This link could not be read, so the default view is shown.",
        fr="Ce lien n'a pas pu être lu : la vue par défaut est affichée.",
        nl="Deze link kon niet gelezen worden; de standaardweergave wordt getoond.",
        de="Dieser Link konnte nicht gelesen werden; die Standardansicht wird gezeigt.",
    ),
    "notice.link.unknown_parameter": _msg(
        en="The link contained settings this page does not know; they were ignored.",
        fr="Le lien contenait des paramètres inconnus de cette page ; ils ont été ignorés.",
        nl="De link bevatte instellingen die deze pagina niet kent; ze werden genegeerd.",
        de="Der Link enthielt Einstellungen, die diese Seite nicht kennt; sie wurden ignoriert.",
    ),
    "notice.link.lang": _msg(
        en="The language in the link is not available; your browser's language is used.",
        fr="La langue du lien n'est pas disponible ; celle de votre navigateur est utilisée.",
        nl="De taal in de link is niet beschikbaar; de taal van uw browser wordt gebruikt.",
        de="Die Sprache im Link ist nicht verfügbar; die Sprache Ihres Browsers wird verwendet.",
    ),
    "notice.link.dataset": _msg(
        en="The link named an unknown dataset; the public record is shown.",
        fr="Le lien indiquait un jeu de données inconnu : les sources publiques sont affichées.",
        nl="De link verwees naar onbekende gegevens; de openbare bronnen worden getoond.",
        de="Der Link nannte unbekannte Daten; die öffentlichen Quellen werden gezeigt.",
    ),
    "notice.link.upload": _msg(
        en="Uploaded files are not shared through links; the public record is shown.",
        fr=(
            "Les fichiers importés ne sont pas partagés par lien : les sources publiques sont "
            "affichées."
        ),
        nl="Geüploade bestanden worden niet via links gedeeld; de openbare bronnen worden getoond.",
        de=(
            "Hochgeladene Dateien werden nicht über Links geteilt; die öffentlichen Quellen werden "
            "gezeigt."
        ),
    ),
    "notice.link.date": _msg(
        en="There is no data for the date in the link; the latest date is shown.",
        fr="Il n'y a pas de données pour la date du lien : la date la plus récente est affichée.",
        nl="Er zijn geen gegevens voor de datum in de link; de meest recente datum wordt getoond.",
        de="Für das Datum im Link gibt es keine Daten; das neueste Datum wird gezeigt.",
    ),
    "notice.link.region": _msg(
        en="The link named an unknown region; all regions are shown.",
        fr="Le lien indiquait une région inconnue : toutes les régions sont affichées.",
        nl="De link noemde een onbekend gewest; alle gewesten worden getoond.",
        de="Der Link nannte eine unbekannte Region; alle Regionen werden gezeigt.",
    ),
    "notice.link.province": _msg(
        en="The link named an unknown province; all provinces are shown.",
        fr="Le lien indiquait une province inconnue : toutes les provinces sont affichées.",
        nl="De link noemde een onbekende provincie; alle provincies worden getoond.",
        de="Der Link nannte eine unbekannte Provinz; alle Provinzen werden gezeigt.",
    ),
    "notice.link.status": _msg(
        en="The link named an unknown status; all statuses are shown.",
        fr="Le lien indiquait un statut inconnu : tous les statuts sont affichés.",
        nl="De link noemde een onbekende status; alle statussen worden getoond.",
        de="Der Link nannte einen unbekannten Status; alle Status werden gezeigt.",
    ),
    "notice.link.flag": _msg(
        en="The link named an unknown programme; the programme filter was cleared.",
        fr="Le lien indiquait un programme inconnu : le filtre des programmes a été retiré.",
        nl="De link noemde een onbekend programma; de programmafilter werd gewist.",
        de="Der Link nannte ein unbekanntes Programm; der Programmfilter wurde entfernt.",
    ),
    "notice.link.pop": _msg(
        en="The link named an unknown population band; all sizes are shown.",
        fr=(
            "Le lien indiquait une tranche de population inconnue : toutes les tailles sont "
            "affichées."
        ),
        nl="De link noemde een onbekende bevolkingsklasse; alle groottes worden getoond.",
        de="Der Link nannte eine unbekannte Größenklasse; alle Größen werden gezeigt.",
    ),
    "notice.link.commune": _msg(
        en="The commune in the link does not exist for this date; no commune is selected.",
        fr="La commune du lien n'existe pas à cette date : aucune commune n'est sélectionnée.",
        nl="De gemeente in de link bestaat niet op deze datum; er is geen gemeente geselecteerd.",
        de="Die Gemeinde im Link besteht zu diesem Datum nicht; keine Gemeinde ist ausgewählt.",
    ),
    "notice.link.zoom": _msg(
        en="The link asked for an unknown map view; the whole country is shown.",
        fr="Le lien demandait une vue de carte inconnue : tout le pays est affiché.",
        nl="De link vroeg een onbekend kaartbeeld; het hele land wordt getoond.",
        de="Der Link verlangte eine unbekannte Kartenansicht; das ganze Land wird gezeigt.",
    ),
    "notice.link.level": _msg(
        en="The link asked for an unknown breakdown; the breakdown by region is shown.",
        fr="Le lien demandait une ventilation inconnue : la ventilation par région est affichée.",
        nl="De link vroeg een onbekende uitsplitsing; de uitsplitsing per gewest wordt getoond.",
        de=(
            "Der Link verlangte eine unbekannte Aufschlüsselung; die Aufschlüsselung nach Region "
            "wird gezeigt."
        ),
    ),
    "notice.illustrative": _msg(
        en="Illustrative data — not real. Invented to show how the atlas works.",
        fr=(
            "Données illustratives — pas réelles. Inventées pour montrer le fonctionnement de "
            "l'atlas."
        ),
        nl="Illustratieve gegevens — niet echt. Verzonnen om te tonen hoe de atlas werkt.",
        de="Anschauungsdaten — nicht echt. Erfunden, um zu zeigen, wie der Atlas funktioniert.",
    ),
    "notice.sources_disagree": _msg(
        en="Sources disagree: showing {a}; another source, {b}, says {value}.",
        fr="Les sources divergent : {a} est affiché ; une autre source, {b}, indique {value}.",
        nl=(
            "De bronnen spreken elkaar tegen: {a} wordt getoond; een andere bron, {b}, vermeldt "
            "{value}."
        ),
        de=(
            "Die Quellen widersprechen sich: {a} wird gezeigt; eine andere Quelle, {b}, nennt "
            "{value}."
        ),
    ),
    "notice.superseded": _msg(
        en=(
            "{area}, {measure}: {source} also gives {value} for this date{repeats}; shown "
            "instead: {shown} ({shown_source}), a later or more precisely dated figure."
        ),
        fr=(
            "{area}, {measure} : {source} donne aussi {value} pour cette date{repeats} ; affiché "
            "à la place : {shown} ({shown_source}), un chiffre plus récent ou daté plus "
            "précisément."
        ),
        nl=(
            "{area}, {measure}: {source} geeft voor deze datum ook {value}{repeats}; in de plaats "
            "getoond: {shown} ({shown_source}), een recenter of nauwkeuriger gedateerd cijfer."
        ),
        de=(
            "{area}, {measure}: {source} nennt für dieses Datum auch {value}{repeats}; "
            "stattdessen gezeigt: {shown} ({shown_source}), eine neuere oder genauer datierte "
            "Zahl."
        ),
    ),
    "notice.repeats": _msg(
        en="(it repeats a figure of {date})",
        fr="(il reprend un chiffre de {date})",
        nl="(het herneemt een cijfer van {date})",
        de="(sie wiederholt eine Zahl von {date})",
    ),
    "notice.not_reported": _msg(
        en="Not reported", fr="Non communiqué", nl="Niet gemeld", de="Nicht gemeldet"
    ),
    "notice.no_upload": _msg(
        en="No file has been imported in this session yet.",
        fr="Aucun fichier n'a encore été importé dans cette session.",
        nl="In deze sessie werd nog geen bestand geïmporteerd.",
        de="In dieser Sitzung wurde noch keine Datei importiert.",
    ),
    # ------------------------------------------------------------------------- accessibility
    "a11y.skip_link": _msg(
        en="Skip to main content",
        fr="Aller au contenu principal",
        nl="Naar de hoofdinhoud",
        de="Zum Hauptinhalt springen",
    ),
    "a11y.map_name": _msg(
        en="Map of Belgian communes by CSIL status",
        fr="Carte des communes belges selon leur statut CSIL",
        nl="Kaart van de Belgische gemeenten volgens LIVC-status",
        de="Karte der belgischen Gemeinden nach CSIL-Status",
    ),
    "a11y.table_alternative": _msg(
        en="Table alternative to the map",
        fr="Tableau équivalent à la carte",
        nl="Tabel als alternatief voor de kaart",
        de="Tabelle als Alternative zur Karte",
    ),
    "a11y.drill_label": _msg(
        en="Open the next level for",
        fr="Détailler le niveau suivant pour",
        nl="Volgend niveau openen voor",
        de="Nächste Ebene öffnen für",
    ),
    "a11y.drill_placeholder": _msg(
        en="Choose a bar", fr="Choisir une barre", nl="Kies een balk", de="Balken wählen"
    ),
    "a11y.drill_button": _msg(en="Open", fr="Ouvrir", nl="Openen", de="Öffnen"),
    "a11y.table_search": _msg(
        en="Search the table",
        fr="Rechercher dans le tableau",
        nl="Zoeken in de tabel",
        de="In der Tabelle suchen",
    ),
    # ------------------------------------------------------------------------- provenance
    "provenance.title": _msg(
        en="Sources and definitions",
        fr="Sources et définitions",
        nl="Bronnen en definities",
        de="Quellen und Definitionen",
    ),
    "provenance.sources": _msg(en="Sources", fr="Sources", nl="Bronnen", de="Quellen"),
    "provenance.definitions": _msg(
        en="Definitions", fr="Définitions", nl="Definities", de="Definitionen"
    ),
    "provenance.known_gaps": _msg(
        en="Known gaps", fr="Lacunes connues", nl="Gekende lacunes", de="Bekannte Lücken"
    ),
    "provenance.gaps_text": _msg(
        en=(
            "No full list of communes with a cell is public. Published tables never add up "
            "to all communes: the rest are shown as “not reported”. Sources sometimes "
            "disagree; the figure shown is named, and so is the other one."
        ),
        fr=(
            "Aucune liste complète des communes dotées d'une cellule n'est publique. Les "
            "tableaux publiés n'atteignent jamais le total des communes : les autres sont "
            "indiquées « non communiquées ». Quand les sources divergent, le chiffre "
            "affiché et l'autre chiffre sont tous deux cités."
        ),
        nl=(
            "Er is geen volledige openbare lijst van gemeenten met een LIVC. De "
            "gepubliceerde tabellen tellen nooit op tot alle gemeenten: de overige worden "
            "als ‘niet gemeld’ weergegeven. Als bronnen elkaar tegenspreken, worden het "
            "getoonde en het andere cijfer allebei vermeld."
        ),
        de=(
            "Es gibt keine vollständige öffentliche Liste der Gemeinden mit einer Zelle. Die "
            "veröffentlichten Tabellen ergeben nie alle Gemeinden: Die übrigen erscheinen "
            "als „nicht gemeldet“. Widersprechen sich Quellen, werden die gezeigte und die "
            "andere Zahl beide genannt."
        ),
    ),
    "provenance.col.id": _msg(en="Source", fr="Source", nl="Bron", de="Quelle"),
    "provenance.col.publisher": _msg(en="Publisher", fr="Éditeur", nl="Uitgever", de="Herausgeber"),
    "provenance.col.title": _msg(en="Title", fr="Titre", nl="Titel", de="Titel"),
    "provenance.col.date": _msg(en="Date", fr="Date", nl="Datum", de="Datum"),
    "provenance.col.link": _msg(en="Link", fr="Lien", nl="Link", de="Link"),
    "provenance.link_missing": _msg(
        en="address not recorded",
        fr="adresse non enregistrée",
        nl="adres niet bijgehouden",
        de="Adresse nicht erfasst",
    ),
    "provenance.titles_note": _msg(
        en="Source titles are summaries in English, not the original titles.",
        fr="Les titres des sources sont des résumés en anglais, pas les titres d'origine.",
        nl=(
            "De titels van de bronnen zijn samenvattingen in het Engels, niet de oorspronkelijke "
            "titels."
        ),
        de="Die Quellentitel sind englische Zusammenfassungen, nicht die Originaltitel.",
    ),
    "provenance.boundaries": _msg(
        en="Geography and population sources (as their producers credit them): {attribution}",
        fr=(
            "Sources de la géographie et de la population (telles que leurs producteurs les "
            "créditent) : {attribution}"
        ),
        nl=(
            "Bronnen van geografie en bevolking (zoals hun producenten ze vermelden): {attribution}"
        ),
        de=(
            "Quellen für Geografie und Bevölkerung (wie ihre Hersteller sie angeben): {attribution}"
        ),
    ),
    "provenance.division": _msg(
        en="Commune division: {count} communes ({vintage})",
        fr="Découpage communal : {count} communes ({vintage})",
        nl="Gemeentelijke indeling: {count} gemeenten ({vintage})",
        de="Gemeindeeinteilung: {count} Gemeinden ({vintage})",
    ),
    # ------------------------------------------------------------------------- buttons
    "button.zoom_brussels": _msg(
        en="Zoom to Brussels",
        fr="Zoomer sur Bruxelles",
        nl="Inzoomen op Brussel",
        de="Auf Brüssel zoomen",
    ),
    "button.reset": _msg(
        en="Reset view",
        fr="Réinitialiser la vue",
        nl="Weergave herstellen",
        de="Ansicht zurücksetzen",
    ),
    "button.export": _msg(
        en="Export table (CSV)",
        fr="Exporter le tableau (CSV)",
        nl="Tabel exporteren (CSV)",
        de="Tabelle exportieren (CSV)",
    ),
    "button.share": _msg(
        en="Copy link to this view",
        fr="Copier le lien vers cette vue",
        nl="Link naar deze weergave kopiëren",
        de="Link zu dieser Ansicht kopieren",
    ),
    "button.copied": _msg(
        en="Link copied", fr="Lien copié", nl="Link gekopieerd", de="Link kopiert"
    ),
}


# ---------------------------------------------------------------------------------- truth
# What every number on screen carries: its source and date, or how it is computed; what a
# selection no published figure describes falls back to; the illustrative marks.

_TRUTH_MESSAGES: dict[str, dict[str, str]] = {
    "area.not_selection": _msg(
        en=(
            "No figure is published for a selection by {reasons}. Nearest published area, which "
            "contains it: {area}."
        ),
        fr=(
            "Aucun chiffre n'est publié pour une sélection portant sur {reasons}. Zone publiée la "
            "plus proche, qui la contient : {area}."
        ),
        nl=(
            "Voor een selectie op {reasons} is geen cijfer gepubliceerd. Dichtstbijzijnd "
            "gepubliceerd gebied dat ze omvat: {area}."
        ),
        de=(
            "Für eine Auswahl nach {reasons} ist keine Zahl veröffentlicht. Nächstes "
            "veröffentlichtes Gebiet, das sie umfasst: {area}."
        ),
    ),
    "area.nearest_short": _msg(
        en="Not the selection: no figure is published for it (nearest published area shown)",
        fr=(
            "Pas la sélection : aucun chiffre n'est publié pour elle (zone publiée la plus "
            "proche affichée)"
        ),
        nl=(
            "Niet de selectie: er is geen cijfer voor gepubliceerd (dichtstbijzijnde "
            "gepubliceerde gebied getoond)"
        ),
        de=(
            "Nicht die Auswahl: dafür ist keine Zahl veröffentlicht (nächstes veröffentlichtes "
            "Gebiet gezeigt)"
        ),
    ),
    "area.reason.province": _msg(
        en="province",
        fr="une province",
        nl="provincie",
        de="Provinz",
    ),
    "area.reason.regions": _msg(
        en="several regions",
        fr="plusieurs régions",
        nl="meerdere gewesten",
        de="mehreren Regionen",
    ),
    "area.reason.status": _msg(
        en="status",
        fr="un statut",
        nl="status",
        de="Status",
    ),
    "area.reason.flag": _msg(
        en="programme",
        fr="un programme",
        nl="programma",
        de="Programm",
    ),
    "area.reason.pop_band": _msg(
        en="population size",
        fr="une taille de population",
        nl="bevolkingsgrootte",
        de="Einwohnerzahl",
    ),
    "fig.published_on": _msg(
        en="published: {date}",
        fr="publication : {date}",
        nl="gepubliceerd: {date}",
        de="veröffentlicht: {date}",
    ),
    "fig.published_for_date": _msg(
        en="Published for this date — {source}",
        fr="Publié pour cette date — {source}",
        nl="Gepubliceerd voor deze datum — {source}",
        de="Für dieses Datum veröffentlicht — {source}",
    ),
    "fig.latest_known": _msg(
        en="Latest figure known on the date chosen ({selected}) — {source}",
        fr="Dernier chiffre connu à la date choisie ({selected}) — {source}",
        nl="Laatste cijfer bekend op de gekozen datum ({selected}) — {source}",
        de="Letzte bekannte Zahl zum gewählten Datum ({selected}) — {source}",
    ),
    "fig.computed_share": _msg(
        en="computed: {value} ÷ {den} — {basis}",
        fr="calculé : {value} ÷ {den} — {basis}",
        nl="berekend: {value} ÷ {den} — {basis}",
        de="berechnet: {value} ÷ {den} — {basis}",
    ),
    "den.stated": _msg(
        en="{area}: {value} communes, as {source} states",
        fr="{area} : {value} communes, selon {source}",
        nl="{area}: {value} gemeenten, volgens {source}",
        de="{area}: {value} Gemeinden, laut {source}",
    ),
    "den.division": _msg(
        en="{area}: {value} communes in the division of {period}",
        fr="{area} : {value} communes dans le découpage {period}",
        nl="{area}: {value} gemeenten in de indeling {period}",
        de="{area}: {value} Gemeinden in der Einteilung {period}",
    ),
    "den.with_dg": _msg(
        en="{area}: {value} communes, the German-speaking communes included",
        fr="{area} : {value} communes, communes germanophones comprises",
        nl="{area}: {value} gemeenten, Duitstalige gemeenten inbegrepen",
        de="{area}: {value} Gemeinden, einschließlich der deutschsprachigen Gemeinden",
    ),
    "den.without_dg": _msg(
        en="{area}: {value} communes, without the German-speaking communes",
        fr="{area} : {value} communes, sans les communes germanophones",
        nl="{area}: {value} gemeenten, zonder de Duitstalige gemeenten",
        de="{area}: {value} Gemeinden, ohne die deutschsprachigen Gemeinden",
    ),
    "word.or": _msg(en="{a} or {b}", fr="{a} ou {b}", nl="{a} of {b}", de="{a} oder {b}"),
    "dg.stated": _msg(
        en=(
            "{source} counts Wallonia as {total} communes, so its figure includes the "
            "German-speaking communes."
        ),
        fr=(
            "{source} compte {total} communes en Wallonie : son chiffre inclut donc les "
            "communes germanophones."
        ),
        nl=(
            "{source} telt {total} gemeenten in Wallonië: het cijfer omvat dus de Duitstalige "
            "gemeenten."
        ),
        de=(
            "{source} zählt {total} Gemeinden in der Wallonie: die Zahl schließt also die "
            "deutschsprachigen Gemeinden ein."
        ),
    ),
    "dg.inferred_yes": _msg(
        en=(
            "Wallonia's figure in {source} includes the German-speaking communes: the "
            "source's table adds up only with them."
        ),
        fr=(
            "Le chiffre wallon de {source} inclut les communes germanophones : le tableau de "
            "la source ne s'additionne qu'avec elles."
        ),
        nl=(
            "Het Waalse cijfer van {source} omvat de Duitstalige gemeenten: de tabel van de "
            "bron klopt alleen met hen erbij."
        ),
        de=(
            "Die wallonische Zahl von {source} schließt die deutschsprachigen Gemeinden ein: "
            "die Tabelle der Quelle geht nur mit ihnen auf."
        ),
    ),
    "dg.unclear_count": _msg(
        en="{source} does not say whether Wallonia's figure includes the German-speaking communes.",
        fr="{source} ne dit pas si le chiffre wallon inclut les communes germanophones.",
        nl="{source} zegt niet of het Waalse cijfer de Duitstalige gemeenten omvat.",
        de=(
            "{source} sagt nicht, ob die wallonische Zahl die deutschsprachigen Gemeinden "
            "einschließt."
        ),
    ),
    "dg.unclear": _msg(
        en=(
            "{source} does not say whether Wallonia's figure includes the German-speaking "
            "communes: its share is shown both ways."
        ),
        fr=(
            "{source} ne dit pas si le chiffre wallon inclut les communes germanophones : sa "
            "part est donnée des deux façons."
        ),
        nl=(
            "{source} zegt niet of het Waalse cijfer de Duitstalige gemeenten omvat: het "
            "aandeel wordt op beide manieren getoond."
        ),
        de=(
            "{source} sagt nicht, ob die wallonische Zahl die deutschsprachigen Gemeinden "
            "einschließt: der Anteil wird auf beide Arten gezeigt."
        ),
    ),
    "kpi.area_label": _msg(
        en="{label} · {area}", fr="{label} · {area}", nl="{label} · {area}", de="{label} · {area}"
    ),
    "kpi.no_figure": _msg(
        en="No figure published",
        fr="Aucun chiffre publié",
        nl="Geen cijfer gepubliceerd",
        de="Keine Zahl veröffentlicht",
    ),
    "kpi.share_of": _msg(
        en="{measure}: share",
        fr="{measure} : part",
        nl="{measure}: aandeel",
        de="{measure}: Anteil",
    ),
    "kpi.newer_region": _msg(
        en="Later figure — {area}: {value} ({source}); not in this total",
        fr="Chiffre plus récent — {area} : {value} ({source}) ; pas dans ce total",
        nl="Recenter cijfer — {area}: {value} ({source}); niet in dit totaal",
        de="Neuere Zahl — {area}: {value} ({source}); nicht in dieser Summe",
    ),
    "kpi.other_figure": _msg(
        en="Another figure: {value} ({source})",
        fr="Autre chiffre : {value} ({source})",
        nl="Ander cijfer: {value} ({source})",
        de="Andere Zahl: {value} ({source})",
    ),
    "kpi.regional_sum": _msg(
        en="Computed: {parts} — {areas} ({source})",
        fr="Calculé : {parts} — {areas} ({source})",
        nl="Berekend: {parts} — {areas} ({source})",
        de="Berechnet: {parts} — {areas} ({source})",
    ),
    "kpi.belgium_published": _msg(
        en="Belgium's latest published total: {value} ({source})",
        fr="Dernier total publié pour la Belgique : {value} ({source})",
        nl="Laatste gepubliceerde totaal voor België: {value} ({source})",
        de="Letzte veröffentlichte Summe für Belgien: {value} ({source})",
    ),
    "kpi.different_dates": _msg(
        en=(
            "Not of the same source and date as the count of communes with a cell ({source}): the "
            "two do not add up"
        ),
        fr=(
            "Pas de la même source ni de la même date que le nombre de communes dotées d'une "
            "cellule ({source}) : les deux ne s'additionnent pas"
        ),
        nl=(
            "Niet van dezelfde bron en datum als het aantal gemeenten met een LIVC ({source}): de "
            "twee zijn niet op te tellen"
        ),
        de=(
            "Nicht aus derselben Quelle und vom selben Datum wie die Zahl der Gemeinden mit Zelle "
            "({source}): beide lassen sich nicht addieren"
        ),
    ),
    "kpi.communes_without": _msg(
        en="Communes without a cell",
        fr="Communes sans cellule",
        nl="Gemeenten zonder LIVC",
        de="Gemeinden ohne Zelle",
    ),
    "kpi.none_on_or_before": _msg(
        en="No such figure published up to the date chosen ({date}).",
        fr="Aucun chiffre de ce type publié jusqu'à la date choisie ({date}).",
        nl="Geen dergelijk cijfer gepubliceerd tot de gekozen datum ({date}).",
        de="Keine solche Zahl bis zum gewählten Datum ({date}) veröffentlicht.",
    ),
    "kpi.not_reported": _msg(
        en=(
            "Not reported: {value} (computed: {total} − {covered} − {without}; {covered} and "
            "{without} from {source}; {total}: {basis})"
        ),
        fr=(
            "Non communiquées : {value} (calculé : {total} − {covered} − {without} ; {covered} et "
            "{without} selon {source} ; {total} : {basis})"
        ),
        nl=(
            "Niet gemeld: {value} (berekend: {total} − {covered} − {without}; {covered} en "
            "{without} volgens {source}; {total}: {basis})"
        ),
        de=(
            "Nicht gemeldet: {value} (berechnet: {total} − {covered} − {without}; {covered} und "
            "{without} laut {source}; {total}: {basis})"
        ),
    ),
    "kpi.population_not_computable": _msg(
        en="Cannot be computed: no list of the communes with a cell is published",
        fr="Incalculable : aucune liste des communes dotées d'une cellule n'est publiée",
        nl="Niet te berekenen: er is geen lijst van de gemeenten met een LIVC gepubliceerd",
        de="Nicht berechenbar: keine Liste der Gemeinden mit Zelle veröffentlicht",
    ),
    "kpi.computed_from.file": _msg(
        en="Computed from the file {file} (dated {date})",
        fr="Calculé à partir du fichier {file} (daté du {date})",
        nl="Berekend uit het bestand {file} (gedateerd {date})",
        de="Berechnet aus der Datei {file} (Stand {date})",
    ),
    "kpi.computed_from.example": _msg(
        en="Computed from the illustrative example: invented data, dated {date}",
        fr="Calculé à partir de l'exemple illustratif : données inventées, datées du {date}",
        nl="Berekend uit het illustratieve voorbeeld: verzonnen gegevens, gedateerd {date}",
        de="Berechnet aus dem Anschauungsbeispiel: erfundene Daten, Stand {date}",
    ),
    "kpi.as_of.file": _msg(
        en="Figures computed from the file {file}, dated {date}",
        fr="Chiffres calculés à partir du fichier {file}, daté du {date}",
        nl="Cijfers berekend uit het bestand {file}, gedateerd {date}",
        de="Zahlen berechnet aus der Datei {file}, Stand {date}",
    ),
    "kpi.as_of.example": _msg(
        en="Illustrative data, not real: figures computed from an invented file dated {date}",
        fr=(
            "Données illustratives, pas réelles : chiffres calculés à partir d'un fichier "
            "inventé daté du {date}"
        ),
        nl=(
            "Illustratieve gegevens, niet echt: cijfers berekend uit een verzonnen bestand "
            "gedateerd {date}"
        ),
        de=(
            "Anschauungsdaten, nicht echt: Zahlen berechnet aus einer erfundenen Datei, "
            "Stand {date}"
        ),
    ),
    "kpi.as_of_known": _msg(
        en=(
            "Latest figures known on the date chosen ({date}); each figure gives its own date and "
            "source."
        ),
        fr=(
            "Derniers chiffres connus à la date choisie ({date}) ; chaque chiffre indique sa "
            "propre date et sa source."
        ),
        nl=(
            "Laatste cijfers bekend op de gekozen datum ({date}); elk cijfer vermeldt zijn "
            "eigen datum en bron."
        ),
        de=(
            "Letzte bekannte Zahlen zum gewählten Datum ({date}); jede Zahl nennt ihr eigenes "
            "Datum und ihre Quelle."
        ),
    ),
    "kpi.illustrative_tag": _msg(
        en="Illustrative — not real",
        fr="Illustratif — pas réel",
        nl="Illustratief — niet echt",
        de="Anschauung — nicht echt",
    ),
    "kpi.cells_unidentified": _msg(
        en="Not counted: {count} communes in a shared cell the file does not name",
        fr="Non comptées : {count} communes dans une cellule partagée que le fichier ne nomme pas",
        nl="Niet geteld: {count} gemeenten in een gedeelde LIVC die het bestand niet noemt",
        de="Nicht gezählt: {count} Gemeinden in einer gemeinsamen Zelle, die die Datei nicht nennt",
    ),
    "kpi.partly": _msg(
        en="of which {count} only partly covered (some former communes)",
        fr="dont {count} seulement en partie couvertes (certaines anciennes communes)",
        nl="waarvan {count} slechts gedeeltelijk gedekt (sommige voormalige gemeenten)",
        de="davon {count} nur teilweise abgedeckt (einige ehemalige Gemeinden)",
    ),
    "kpi.share_file": _msg(
        en="computed: {covered} ÷ {total} communes shown",
        fr="calculé : {covered} ÷ {total} communes affichées",
        nl="berekend: {covered} ÷ {total} getoonde gemeenten",
        de="berechnet: {covered} ÷ {total} gezeigte Gemeinden",
    ),
    "kpi.unknown_in_file": _msg(
        en="{count} communes shown are not in the file (unknown)",
        fr="{count} communes affichées ne figurent pas dans le fichier (inconnu)",
        nl="{count} getoonde gemeenten staan niet in het bestand (onbekend)",
        de="{count} gezeigte Gemeinden stehen nicht in der Datei (unbekannt)",
    ),
    "kpi.population_basis": _msg(
        en=(
            "computed: inhabitants of the communes with a cell ÷ inhabitants of the {count} "
            "communes shown ({source})"
        ),
        fr=(
            "calculé : habitants des communes dotées d'une cellule ÷ habitants des {count} "
            "communes affichées ({source})"
        ),
        nl=(
            "berekend: inwoners van de gemeenten met een LIVC ÷ inwoners van de {count} "
            "getoonde gemeenten ({source})"
        ),
        de=(
            "berechnet: Einwohner der Gemeinden mit Zelle ÷ Einwohner der {count} gezeigten "
            "Gemeinden ({source})"
        ),
    ),
    "population.source": _msg(
        en="Statbel, population on {date}",
        fr="Statbel, population au {date}",
        nl="Statbel, bevolking op {date}",
        de="Statbel, Bevölkerung am {date}",
    ),
    "population.source_summed": _msg(
        en="Statbel, population on {date}, summed over the former communes",
        fr="Statbel, population au {date}, additionnée sur les anciennes communes",
        nl="Statbel, bevolking op {date}, opgeteld over de voormalige gemeenten",
        de="Statbel, Bevölkerung am {date}, über die ehemaligen Gemeinden summiert",
    ),
    "summary.public": _msg(
        en=(
            "{area}, latest figure known on the date chosen ({selected}): {measure}: {figure} "
            "({share}, computed) — {source}."
        ),
        fr=(
            "{area}, dernier chiffre connu à la date choisie ({selected}) : {measure} : {figure} "
            "({share}, calculé) — {source}."
        ),
        nl=(
            "{area}, laatste cijfer bekend op de gekozen datum ({selected}): {measure}: {figure} "
            "({share}, berekend) — {source}."
        ),
        de=(
            "{area}, letzte bekannte Zahl zum gewählten Datum ({selected}): {measure}: {figure} "
            "({share}, berechnet) — {source}."
        ),
    ),
    "summary.public_none": _msg(
        en="{area}: no count of communes with a cell was published up to the date chosen ({date}).",
        fr=(
            "{area} : aucun nombre de communes dotées d'une cellule n'a été publié jusqu'à la "
            "date choisie ({date})."
        ),
        nl=(
            "{area}: tot de gekozen datum ({date}) werd geen aantal gemeenten met een LIVC "
            "gepubliceerd."
        ),
        de=(
            "{area}: bis zum gewählten Datum ({date}) wurde keine Zahl der Gemeinden mit Zelle "
            "veröffentlicht."
        ),
    ),
    "summary.named": _msg(
        en=(
            "On the map, computed from the sources that name communes one by one (each with "
            "its own date) up to the date chosen ({selected}): {named} of the {count} communes "
            "shown are named ({covered} with a cell, {planned} planned, {none} without a "
            "cell); the other {unknown} are not reported one by one."
        ),
        fr=(
            "Sur la carte, calculé à partir des sources qui citent des communes nommément "
            "(chacune avec sa date) jusqu'à la date choisie ({selected}) : {named} des {count} "
            "communes affichées sont citées ({covered} avec cellule, {planned} en projet, "
            "{none} sans cellule) ; les {unknown} autres ne sont pas communiquées une à une."
        ),
        nl=(
            "Op de kaart, berekend uit de bronnen die gemeenten afzonderlijk noemen (elk met "
            "een eigen datum) tot de gekozen datum ({selected}): {named} van de {count} "
            "getoonde gemeenten worden genoemd ({covered} met LIVC, {planned} gepland, {none} "
            "zonder LIVC); de overige {unknown} worden niet afzonderlijk gemeld."
        ),
        de=(
            "Auf der Karte, berechnet aus den Quellen, die Gemeinden einzeln nennen (jede mit "
            "eigenem Datum), bis zum gewählten Datum ({selected}): {named} der {count} "
            "gezeigten Gemeinden werden genannt ({covered} mit Zelle, {planned} geplant, "
            "{none} ohne Zelle); die übrigen {unknown} werden nicht einzeln gemeldet."
        ),
    ),
    "summary.file": _msg(
        en=(
            "In the file {file} (dated {date}), {covered} of the {count} communes shown have a "
            "cell ({share}, computed); {none} have none; {unknown} are not in the file."
        ),
        fr=(
            "Dans le fichier {file} (daté du {date}), {covered} des {count} communes affichées "
            "ont une cellule ({share}, calculé) ; {none} n'en ont pas ; {unknown} ne figurent "
            "pas dans le fichier."
        ),
        nl=(
            "In het bestand {file} (gedateerd {date}) hebben {covered} van de {count} getoonde "
            "gemeenten een LIVC ({share}, berekend); {none} hebben er geen; {unknown} staan "
            "niet in het bestand."
        ),
        de=(
            "In der Datei {file} (Stand {date}) haben {covered} von {count} gezeigten Gemeinden "
            "eine Zelle ({share}, berechnet); {none} haben keine; {unknown} stehen nicht in "
            "der Datei."
        ),
    ),
    "summary.example": _msg(
        en=(
            "In the illustrative example (invented data, dated {date}), {covered} of the "
            "{count} communes shown have a cell ({share}, computed); {none} have none; "
            "{unknown} are not in it."
        ),
        fr=(
            "Dans l'exemple illustratif (données inventées, datées du {date}), {covered} des "
            "{count} communes affichées ont une cellule ({share}, calculé) ; {none} n'en ont "
            "pas ; {unknown} n'y figurent pas."
        ),
        nl=(
            "In het illustratieve voorbeeld (verzonnen gegevens, gedateerd {date}) hebben "
            "{covered} van de {count} getoonde gemeenten een LIVC ({share}, berekend); {none} "
            "hebben er geen; {unknown} staan er niet in."
        ),
        de=(
            "Im Anschauungsbeispiel (erfundene Daten, Stand {date}) haben {covered} von "
            "{count} gezeigten Gemeinden eine Zelle ({share}, berechnet); {none} haben keine; "
            "{unknown} stehen nicht darin."
        ),
    ),
    "summary.partly": _msg(
        en="{count} of them are only partly covered: some of their former communes have a cell.",
        fr=(
            "{count} d'entre elles ne sont que partiellement couvertes : certaines de leurs "
            "anciennes communes ont une cellule."
        ),
        nl=(
            "{count} daarvan zijn slechts gedeeltelijk gedekt: sommige van hun voormalige "
            "gemeenten hebben een LIVC."
        ),
        de=(
            "{count} davon sind nur teilweise abgedeckt: einige ihrer ehemaligen Gemeinden "
            "haben eine Zelle."
        ),
    ),
    "hover.illustrative_status": _msg(
        en="illustrative, not real — {status}",
        fr="illustratif, pas réel — {status}",
        nl="illustratief, niet echt — {status}",
        de="Anschauung, nicht echt — {status}",
    ),
    "hover.status_dated": _msg(
        en="{status} — {source}, {date}",
        fr="{status} — {source}, {date}",
        nl="{status} — {source}, {date}",
        de="{status} — {source}, {date}",
    ),
    "hover.status_file": _msg(
        en="{status} — file {file} ({date})",
        fr="{status} — fichier {file} ({date})",
        nl="{status} — bestand {file} ({date})",
        de="{status} — Datei {file} ({date})",
    ),
    "hover.implied": _msg(
        en="(implied by a regional table, not stated for this commune)",
        fr="(déduit d'un tableau régional, non indiqué pour cette commune)",
        nl="(afgeleid uit een gewestelijke tabel, niet voor deze gemeente vermeld)",
        de="(aus einer regionalen Tabelle abgeleitet, nicht für diese Gemeinde angegeben)",
    ),
    "hover.flag_dated": _msg(
        en="{flag} ({source}, {date})",
        fr="{flag} ({source}, {date})",
        nl="{flag} ({source}, {date})",
        de="{flag} ({source}, {date})",
    ),
    "hover.name_de_fallback": _msg(
        en="No German name in the sources: the name in the region's language is shown",
        fr="Pas de nom allemand dans les sources : le nom dans la langue de la région est affiché",
        nl="Geen Duitse naam in de bronnen: de naam in de taal van het gewest wordt getoond",
        de="Kein deutscher Name in den Quellen: der Name in der Sprache der Region wird gezeigt",
    ),
    "name.no_german": _msg(
        en="no German name",
        fr="pas de nom allemand",
        nl="geen Duitse naam",
        de="kein deutscher Name",
    ),
    "hover.undated_zone_cell": _msg(
        en=(
            "An undated source ({source}) reports a cell for the police zone ({zone}); it is tied "
            "to no date."
        ),
        fr=(
            "Une source non datée ({source}) signale une cellule pour la zone de police ({zone}) "
            "; elle n'est rattachée à aucune date."
        ),
        nl=(
            "Een ongedateerde bron ({source}) meldt een LIVC voor de politiezone ({zone}); ze is "
            "aan geen enkele datum gekoppeld."
        ),
        de=(
            "Eine undatierte Quelle ({source}) meldet eine Zelle für die Polizeizone ({zone}); "
            "sie ist keinem Datum zugeordnet."
        ),
    ),
    "hover.share_computed": _msg(
        en="Share of communes (computed)",
        fr="Part des communes (calculée)",
        nl="Aandeel gemeenten (berekend)",
        de="Anteil der Gemeinden (berechnet)",
    ),
    "map.illustrative_mark": _msg(
        en="ILLUSTRATIVE DATA — NOT REAL",
        fr="DONNÉES ILLUSTRATIVES — PAS RÉELLES",
        nl="ILLUSTRATIEVE GEGEVENS — NIET ECHT",
        de="ANSCHAUUNGSDATEN — NICHT ECHT",
    ),
    "legend.partly_covered": _msg(
        en="Partly covered (some former communes)",
        fr="Partiellement couverte (certaines anciennes communes)",
        nl="Gedeeltelijk gedekt (sommige voormalige gemeenten)",
        de="Teilweise abgedeckt (einige ehemalige Gemeinden)",
    ),
    "notice.aggregates_only": _msg(
        en=(
            "No list of the communes with a cell is published. Each region is shaded by the "
            "share of its communes with a cell, computed from the latest count published up to "
            "the date chosen (its source and date on hover). Communes a source names are drawn "
            "one by one, each with the date of its source, until a later source says otherwise."
        ),
        fr=(
            "Aucune liste des communes dotées d'une cellule n'est publiée. Chaque région est "
            "colorée selon la part de ses communes dotées d'une cellule, calculée à partir du "
            "dernier nombre publié jusqu'à la date choisie (source et date au survol). Les "
            "communes citées par une source sont dessinées une à une, chacune avec la date de "
            "sa source, jusqu'à ce qu'une source ultérieure dise autre chose."
        ),
        nl=(
            "Er is geen lijst van de gemeenten met een LIVC gepubliceerd. Elk gewest is "
            "gekleurd volgens het aandeel van zijn gemeenten met een LIVC, berekend uit het "
            "laatste aantal dat tot de gekozen datum werd gepubliceerd (bron en datum bij "
            "aanwijzen). Gemeenten die een bron noemt, worden afzonderlijk getekend, elk met de "
            "datum van de bron, tot een latere bron iets anders zegt."
        ),
        de=(
            "Es ist keine Liste der Gemeinden mit Zelle veröffentlicht. Jede Region ist nach "
            "dem Anteil ihrer Gemeinden mit Zelle eingefärbt, berechnet aus der letzten bis "
            "zum gewählten Datum veröffentlichten Zahl (Quelle und Datum beim Überfahren). Von "
            "einer Quelle genannte Gemeinden werden einzeln gezeichnet, jede mit dem Datum "
            "ihrer Quelle, bis eine spätere Quelle etwas anderes sagt."
        ),
    ),
    "legend.region_share": _msg(
        en="Region shading: share computed from the latest published count",
        fr="Couleur des régions : part calculée à partir du dernier nombre publié",
        nl="Kleur van de gewesten: aandeel berekend uit het laatste gepubliceerde aantal",
        de="Farbe der Regionen: Anteil berechnet aus der letzten veröffentlichten Zahl",
    ),
    "breakdown.title_public": _msg(
        en="Published figures by area",
        fr="Chiffres publiés par zone",
        nl="Gepubliceerde cijfers per gebied",
        de="Veröffentlichte Zahlen nach Gebiet",
    ),
    "breakdown.title_file": _msg(
        en="Breakdown of the file {file}",
        fr="Répartition du fichier {file}",
        nl="Uitsplitsing van het bestand {file}",
        de="Aufschlüsselung der Datei {file}",
    ),
    "breakdown.title_illustrative": _msg(
        en="Breakdown — illustrative data, not real",
        fr="Répartition — données illustratives, pas réelles",
        nl="Uitsplitsing — illustratieve gegevens, niet echt",
        de="Aufschlüsselung — Anschauungsdaten, nicht echt",
    ),
    "breakdown.different_dates": _msg(
        en=(
            "{area}: the communes with a cell, {a}, and without a cell, {b}, are not of the same "
            "source and date; they do not add up."
        ),
        fr=(
            "{area} : les communes dotées d'une cellule, {a}, et sans cellule, {b}, ne sont pas "
            "de la même source ni de la même date ; elles ne s'additionnent pas."
        ),
        nl=(
            "{area}: de gemeenten met een LIVC, {a}, en zonder LIVC, {b}, zijn niet van dezelfde "
            "bron en datum; ze zijn niet op te tellen."
        ),
        de=(
            "{area}: die Gemeinden mit Zelle, {a}, und ohne Zelle, {b}, stammen nicht aus "
            "derselben Quelle und vom selben Datum; sie lassen sich nicht addieren."
        ),
    ),
    "breakdown.dg_in_wal": _msg(
        en="The German-speaking Community's row is part of the Walloon Region's: do not add them.",
        fr=(
            "La ligne de la Communauté germanophone fait partie de celle de la Région wallonne : "
            "ne pas les additionner."
        ),
        nl=(
            "De rij van de Duitstalige Gemeenschap maakt deel uit van die van het Waals Gewest: "
            "niet optellen."
        ),
        de=(
            "Die Zeile der Deutschsprachigen Gemeinschaft ist Teil jener der Wallonischen Region: "
            "nicht addieren."
        ),
    ),
    "breakdown.current": _msg(
        en="published for this date",
        fr="publié pour cette date",
        nl="gepubliceerd voor deze datum",
        de="für dieses Datum veröffentlicht",
    ),
    "breakdown.earlier": _msg(
        en="latest known on this date (see its own date)",
        fr="dernier connu à cette date (voir sa propre date)",
        nl="laatst bekend op deze datum (zie de eigen datum)",
        de="letzte bekannte zu diesem Datum (siehe eigenes Datum)",
    ),
    "breakdown.col.measure": _msg(en="Measure", fr="Mesure", nl="Maatstaf", de="Messgröße"),
    "breakdown.col.figure": _msg(en="Figure", fr="Chiffre", nl="Cijfer", de="Zahl"),
    "breakdown.col.share": _msg(
        en="Share of communes (computed)",
        fr="Part des communes (calculée)",
        nl="Aandeel gemeenten (berekend)",
        de="Anteil der Gemeinden (berechnet)",
    ),
    "breakdown.col.basis": _msg(
        en="How the share is computed",
        fr="Calcul de la part",
        nl="Berekening van het aandeel",
        de="Berechnung des Anteils",
    ),
    "breakdown.col.date": _msg(
        en="Date of the figure",
        fr="Date du chiffre",
        nl="Datum van het cijfer",
        de="Datum der Zahl",
    ),
    "breakdown.col.when": _msg(
        en="Relation to the date chosen",
        fr="Par rapport à la date choisie",
        nl="Ten opzichte van de gekozen datum",
        de="Bezug zum gewählten Datum",
    ),
    "breakdown.col.partly": _msg(
        en="Partly covered", fr="En partie couvertes", nl="Gedeeltelijk gedekt", de="Teilweise"
    ),
    "breakdown.published_only": _msg(
        en=(
            "No figure is published below the regions: the table shows the published figures "
            "of Belgium, the regions and the German-speaking Community."
        ),
        fr=(
            "Aucun chiffre n'est publié sous le niveau des régions : le tableau montre les "
            "chiffres publiés pour la Belgique, les régions et la Communauté germanophone."
        ),
        nl=(
            "Onder het niveau van de gewesten is geen cijfer gepubliceerd: de tabel toont de "
            "gepubliceerde cijfers voor België, de gewesten en de Duitstalige Gemeenschap."
        ),
        de=(
            "Unterhalb der Regionen ist keine Zahl veröffentlicht: die Tabelle zeigt die "
            "veröffentlichten Zahlen für Belgien, die Regionen und die Deutschsprachige "
            "Gemeinschaft."
        ),
    ),
    "breakdown.file_note.file": _msg(
        en=(
            "Every figure of this breakdown is computed from the file {file} (dated {date}); "
            "population: {population}."
        ),
        fr=(
            "Chaque chiffre de cette répartition est calculé à partir du fichier {file} (daté "
            "du {date}) ; population : {population}."
        ),
        nl=(
            "Elk cijfer van deze uitsplitsing is berekend uit het bestand {file} (gedateerd "
            "{date}); bevolking: {population}."
        ),
        de=(
            "Jede Zahl dieser Aufschlüsselung ist aus der Datei {file} (Stand {date}) "
            "berechnet; Bevölkerung: {population}."
        ),
    ),
    "breakdown.file_note.example": _msg(
        en=(
            "Every figure of this breakdown is computed from the illustrative example, "
            "invented data dated {date}; population: {population}."
        ),
        fr=(
            "Chaque chiffre de cette répartition est calculé à partir de l'exemple illustratif, "
            "des données inventées datées du {date} ; population : {population}."
        ),
        nl=(
            "Elk cijfer van deze uitsplitsing is berekend uit het illustratieve voorbeeld, "
            "verzonnen gegevens gedateerd {date}; bevolking: {population}."
        ),
        de=(
            "Jede Zahl dieser Aufschlüsselung ist aus dem Anschauungsbeispiel berechnet, "
            "erfundenen Daten mit Stand {date}; Bevölkerung: {population}."
        ),
    ),
    "timeline.y_short": _msg(
        en="Share of communes with a cell (computed)",
        fr="Part des communes avec cellule (calculée)",
        nl="Aandeel gemeenten met LIVC (berekend)",
        de="Anteil der Gemeinden mit Zelle (berechnet)",
    ),
    "timeline.y_measures": _msg(
        en=(
            "Share of communes with a cell (●), or involved in one in the 2016 survey's "
            "wording (○), computed from the published counts"
        ),
        fr=(
            "Part des communes dotées d'une cellule (●), ou y participant selon les termes de "
            "l'enquête de 2016 (○), calculée à partir des nombres publiés"
        ),
        nl=(
            "Aandeel gemeenten met een LIVC (●), of betrokken bij een LIVC in de bewoordingen "
            "van de enquête van 2016 (○), berekend uit de gepubliceerde aantallen"
        ),
        de=(
            "Anteil der Gemeinden mit Zelle (●) oder, im Wortlaut der Umfrage von 2016, an "
            "einer Zelle beteiligt (○), berechnet aus den veröffentlichten Zahlen"
        ),
    ),
    "breakdown.axis.file": _msg(
        en="Share of communes, computed from {file} ({date})",
        fr="Part des communes, calculée à partir de {file} ({date})",
        nl="Aandeel gemeenten, berekend uit {file} ({date})",
        de="Anteil der Gemeinden, berechnet aus {file} ({date})",
    ),
    "breakdown.axis.example": _msg(
        en="Share of communes, computed from the illustrative example (invented data, {date})",
        fr=(
            "Part des communes, calculée à partir de l'exemple illustratif (données inventées, "
            "{date})"
        ),
        nl=(
            "Aandeel gemeenten, berekend uit het illustratieve voorbeeld (verzonnen gegevens, "
            "{date})"
        ),
        de="Anteil der Gemeinden, berechnet aus dem Anschauungsbeispiel (erfundene Daten, {date})",
    ),
    "breakdown.axis_measure": _msg(
        en="{measure}: share of communes (computed)",
        fr="{measure} : part des communes (calculée)",
        nl="{measure}: aandeel gemeenten (berekend)",
        de="{measure}: Anteil der Gemeinden (berechnet)",
    ),
    "timeline.period": _msg(
        en="(no day given: drawn over the whole period)",
        fr="(sans jour précis : tracé sur toute la période)",
        nl="(geen precieze dag: over de hele periode getekend)",
        de="(kein genauer Tag: über den ganzen Zeitraum gezeichnet)",
    ),
    "timeline.selected": _msg(
        en="Date chosen", fr="Date choisie", nl="Gekozen datum", de="Gewähltes Datum"
    ),
    "provenance.known_on": _msg(
        en="Figures and statuses known on the date chosen ({date}); each gives its own date.",
        fr="Chiffres et statuts connus à la date choisie ({date}) ; chacun indique sa propre date.",
        nl=(
            "Cijfers en statussen bekend op de gekozen datum ({date}); elk vermeldt een eigen "
            "datum."
        ),
        de="Zahlen und Status zum gewählten Datum ({date}); jede Angabe nennt ihr eigenes Datum.",
    ),
    "provenance.data.file": _msg(
        en=(
            "Data: the file {file}, dated {date}, imported in this browser session. It is not "
            "a public source. The sources below give the programme flags and the published "
            "figures the file is compared with."
        ),
        fr=(
            "Données : le fichier {file}, daté du {date}, importé dans cette session du "
            "navigateur. Ce n'est pas une source publique. Les sources ci-dessous donnent les "
            "programmes et les chiffres publiés auxquels le fichier est comparé."
        ),
        nl=(
            "Gegevens: het bestand {file}, gedateerd {date}, geïmporteerd in deze "
            "browsersessie. Het is geen openbare bron. De bronnen hieronder geven de programma's "
            "en de gepubliceerde cijfers waarmee het bestand wordt vergeleken."
        ),
        de=(
            "Daten: die Datei {file}, Stand {date}, in dieser Browsersitzung importiert. Sie "
            "ist keine öffentliche Quelle. Die Quellen unten nennen die Programme und die "
            "veröffentlichten Zahlen, mit denen die Datei verglichen wird."
        ),
    ),
    "provenance.data.example": _msg(
        en=(
            "Data: the illustrative example ({file}), invented to show how the atlas works, "
            "dated {date}. It is not a source and describes nothing real. The sources below "
            "give the programme flags and the published figures it is compared with."
        ),
        fr=(
            "Données : l'exemple illustratif ({file}), inventé pour montrer le fonctionnement "
            "de l'atlas, daté du {date}. Ce n'est pas une source et il ne décrit rien de réel. "
            "Les sources ci-dessous donnent les programmes et les chiffres publiés auxquels il "
            "est comparé."
        ),
        nl=(
            "Gegevens: het illustratieve voorbeeld ({file}), verzonnen om te tonen hoe de atlas "
            "werkt, gedateerd {date}. Het is geen bron en beschrijft niets echts. De bronnen "
            "hieronder geven de programma's en de gepubliceerde cijfers waarmee het wordt "
            "vergeleken."
        ),
        de=(
            "Daten: das Anschauungsbeispiel ({file}), erfunden, um zu zeigen, wie der Atlas "
            "funktioniert, Stand {date}. Es ist keine Quelle und beschreibt nichts Wirkliches. "
            "Die Quellen unten nennen die Programme und die veröffentlichten Zahlen, mit denen "
            "es verglichen wird."
        ),
    ),
    "provenance.col.used_for": _msg(
        en="Used for", fr="Utilisée pour", nl="Gebruikt voor", de="Verwendet für"
    ),
    "provenance.use.figures": _msg(
        en="published figures shown",
        fr="chiffres publiés affichés",
        nl="getoonde gepubliceerde cijfers",
        de="gezeigte veröffentlichte Zahlen",
    ),
    "provenance.use.statuses": _msg(
        en="commune statuses",
        fr="statuts des communes",
        nl="statussen van gemeenten",
        de="Status der Gemeinden",
    ),
    "provenance.use.flags": _msg(
        en="programmes", fr="programmes", nl="programma's", de="Programme"
    ),
    "provenance.use.compared": _msg(
        en="published figures the data is compared with",
        fr="chiffres publiés comparés aux données",
        nl="gepubliceerde cijfers waarmee de gegevens worden vergeleken",
        de="veröffentlichte Zahlen, mit denen die Daten verglichen werden",
    ),
    "provenance.undated": _msg(
        en="Facts without a date",
        fr="Faits sans date",
        nl="Feiten zonder datum",
        de="Fakten ohne Datum",
    ),  # fmt: skip
    "provenance.undated_zone": _msg(
        en=(
            "{source}: a cell at the level of the {zone}; the source gives no date, so it is "
            "shown on no date. Communes of the zone in the police-zone table of 2020: {members}."
        ),
        fr=(
            "{source} : une cellule au niveau de la {zone} ; la source ne donne pas de date, "
            "elle n'est donc montrée à aucune date. Communes de la zone dans le tableau des "
            "zones de police de 2020 : {members}."
        ),
        nl=(
            "{source}: een LIVC op het niveau van de {zone}; de bron geeft geen datum, dus ze "
            "wordt op geen enkele datum getoond. Gemeenten van de zone in de tabel van de "
            "politiezones van 2020: {members}."
        ),
        de=(
            "{source}: eine Zelle auf Ebene der {zone}; die Quelle nennt kein Datum, daher wird "
            "sie keinem Datum zugeordnet. Gemeinden der Zone in der Polizeizonentabelle von "
            "2020: {members}."
        ),
    ),
    "reconcile.title.file": _msg(
        en="The file against the published figures known on its date ({date})",
        fr="Le fichier face aux chiffres publiés connus à sa date ({date})",
        nl="Het bestand tegenover de gepubliceerde cijfers bekend op zijn datum ({date})",
        de=(
            "Die Datei im Vergleich mit den zu ihrem Datum bekannten veröffentlichten Zahlen "
            "({date})"
        ),
    ),
    "reconcile.title.example": _msg(
        en=(
            "The illustrative example against the published figures known on its date "
            "({date}): it was made up to match them"
        ),
        fr=(
            "L'exemple illustratif face aux chiffres publiés connus à sa date ({date}) : il a "
            "été inventé pour les reproduire"
        ),
        nl=(
            "Het illustratieve voorbeeld tegenover de gepubliceerde cijfers bekend op zijn "
            "datum ({date}): het werd verzonnen om ermee overeen te stemmen"
        ),
        de=(
            "Das Anschauungsbeispiel im Vergleich mit den zu seinem Datum bekannten "
            "veröffentlichten Zahlen ({date}): es wurde so erfunden, dass es ihnen entspricht"
        ),
    ),
    "reconcile.col.published": _msg(
        en="Published (source, date)",
        fr="Publié (source, date)",
        nl="Gepubliceerd (bron, datum)",
        de="Veröffentlicht (Quelle, Datum)",
    ),
    "reconcile.col.file": _msg(
        en="In the data (computed)",
        fr="Dans les données (calculé)",
        nl="In de gegevens (berekend)",
        de="In den Daten (berechnet)",
    ),
    "reconcile.col.difference": _msg(en="Difference", fr="Écart", nl="Verschil", de="Abweichung"),
    "reconcile.col.note": _msg(en="Note", fr="Remarque", nl="Opmerking", de="Hinweis"),
    "reconcile.not_compared": _msg(
        en="not compared", fr="non comparé", nl="niet vergeleken", de="nicht verglichen"
    ),
}


def _french_spacing(text: str) -> str:
    """Non-breaking spaces before ``: ; ? !`` and inside guillemets (French typography)."""
    text = re.sub(r" ([:;?!])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _build_catalogue() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in (_STATUS_MESSAGES, _FLAG_MESSAGES, _GEOGRAPHY_MESSAGES, _MEASURE_MESSAGES,
                 _UI_MESSAGES, _TRUTH_MESSAGES, IMPORT_MESSAGES):  # fmt: skip
        for key, texts in part.items():
            if key in merged:
                raise ValueError(f"message id {key!r} defined twice")
            texts = {**texts, "fr": _french_spacing(texts["fr"])}
            merged[key] = MappingProxyType(texts)
    return MappingProxyType(merged)


#: message id -> {language: text}. Read-only.
CATALOGUE: Final[Mapping[str, Mapping[str, str]]] = _build_catalogue()


# ---------------------------------------------------------------------------------- lookup


def check_language(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def placeholders(text: str) -> frozenset[str]:
    """The ``{field}`` names a message uses."""
    return frozenset(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name)


def t(key: str, lang: str, /, **kwargs: Any) -> str:
    """The message ``key`` in ``lang``, formatted with ``kwargs``.

    Raises KeyError for an unknown key (or a missing placeholder argument) and ValueError for
    an unknown language. ``int``/``float`` arguments are formatted with :func:`format_number`
    and dates with :func:`format_date` (long) in ``lang``; strings are inserted as given.
    """
    check_language(lang)
    try:
        text = CATALOGUE[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    if not kwargs:
        return text
    values = {name: _format_value(value, lang) for name, value in kwargs.items()}
    return text.format(**values)


def _format_value(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return t("value.yes" if value else "value.no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value


def status_label(status: Status | str, lang: str) -> str:
    return t(f"status.{Status(status)}", lang)


def status_definition(status: Status | str, lang: str) -> str:
    return t(f"status_def.{Status(status)}", lang)


def flag_label(flag: Flag | str, lang: str) -> str:
    return t(f"flag.{Flag(flag)}", lang)


def flag_definition(flag: Flag | str, lang: str) -> str:
    return t(f"flag_def.{Flag(flag)}", lang)


#: Geography codes of the published figures (``snapshots.csv``) -> region codes.
GEOGRAPHY_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {"BE": "BE", "BE-VLG": "02000", "BE-WAL": "03000", "BE-BRU": "04000", "BE-DG": "DG"}
)


def region_label(code: str, lang: str, *, short: bool = False) -> str:
    """Name of a region: ``02000`` / ``03000`` / ``04000`` / ``DG`` / ``BE``, or the
    published-figure codes ``BE-VLG`` ... ``BE-DG``. ``short`` gives "Flanders" etc."""
    code = GEOGRAPHY_CODES.get(code, code)
    return t(f"{'region_short' if short else 'region'}.{code}", lang)


def province_label(code: str, lang: str) -> str:
    return t(f"province.{code}", lang)


def level_label(level: str, lang: str) -> str:
    return t(f"level.{level}", lang)


def measure_label(measure: str, lang: str) -> str:
    return t(f"measure.{measure}", lang)


def measure_definition(measure: str, lang: str) -> str:
    return t(f"measure_def.{measure}", lang)


def issue_text(issue: Any, lang: str) -> tuple[str, str]:
    """(reason, suggestion) of an importer issue (``ImportIssue``) in ``lang``.

    Rendered from the issue's ``code`` and ``params`` (``import.reason.<code>``,
    ``import.suggestion.<code>``); the issue's own English ``reason`` and ``suggestion``
    when it has no code, the catalogue does not know the code, or a parameter is missing.
    """
    check_language(lang)
    english = (str(issue.reason), str(issue.suggestion))
    code = getattr(issue, "code", "")
    params: Params = getattr(issue, "params", ())
    if not code or f"import.reason.{code}" not in CATALOGUE:
        return english
    try:
        reason = _import_text(f"import.reason.{code}", params, lang)
        key = f"import.suggestion.{code}"
        suggestion = _import_text(key, params, lang) if key in CATALOGUE else english[1]
    except (KeyError, IndexError, ValueError, TypeError):
        return english
    return reason, suggestion


def _import_text(key: str, params: Params, lang: str) -> str:
    values = {name: _import_param(value, lang) for name, value in params}
    missing = placeholders(CATALOGUE[key][lang]) - set(values)
    if missing:
        raise KeyError(f"{key}: no value for {sorted(missing)}")
    return t(key, lang, **values)


def _import_param(value: Param, lang: str) -> Any:
    if isinstance(value, tuple):  # alternatives: 'a' or 'b' or 'c'
        text = value[0] if value else ""
        for item in value[1:]:
            text = t("import.phrase.or", lang, first=text, second=item)
        return text
    if isinstance(value, str | int):
        return value  # t() formats numbers for the language
    return _import_text(f"import.phrase.{value.code}", value.params, lang)


# ---------------------------------------------------------------------------------- formats


@lru_cache(maxsize=8)
def babel_locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[check_language(lang)])


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@lru_cache(maxsize=16384)
def format_number(n: float | int | None, lang: str) -> str:
    """``12345`` -> "12 345" (fr), "12.345" (nl, de), "12,345" (en); up to 3 decimals."""
    if _missing(n):
        return MISSING
    return _babel_format_decimal(n, locale=babel_locale(lang))


@lru_cache(maxsize=16384)
def format_percent(x: float | None, lang: str, digits: int = 1) -> str:
    """A fraction as a percentage with ``digits`` decimals: ``0.1234`` -> "12,3 %" (fr)."""
    if _missing(x):
        return MISSING
    if digits < 0:
        raise ValueError("digits must be >= 0")
    locale = babel_locale(lang)
    base = locale.percent_formats[None].pattern
    decimals = "." + "0" * digits if digits else ""
    pattern = re.sub(r"0(\.0*)?", "0" + decimals, base, count=1)
    return _babel_format_percent(x, pattern, locale=locale)


_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_MONTH_SKELETONS: Final[Mapping[str, str]] = MappingProxyType(
    {"long": "yMMMM", "medium": "yMMM", "short": "yMM"}
)


def parse_iso_date(value: str) -> tuple[dt.date, str]:
    """``"2019-06-15"`` / ``"2017-06"`` / ``"2019"`` -> (first day, precision "day" / "month"
    / "year"). ValueError for anything else."""
    match = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = match.groups()
    date = dt.date(int(year), int(month or 1), int(day or 1))
    precision = "day" if day else "month" if month else "year"
    return date, precision


@lru_cache(maxsize=4096)
def format_date(d: dt.date | str, lang: str, fmt: DateFormat = "long") -> str:
    """A date in the locale's ``long`` / ``medium`` / ``short`` form.

    ISO strings of reduced precision keep their precision: ``"2017-06"`` -> "juin 2017"
    (fr, long), ``"2019"`` -> "2019".
    """
    if fmt not in _MONTH_SKELETONS:
        raise ValueError(f"unknown date format {fmt!r}")
    locale = babel_locale(lang)
    if isinstance(d, dt.datetime):
        d = d.date()
    if isinstance(d, str):
        d, precision = parse_iso_date(d)
    else:
        precision = "day"
    if precision == "year":
        return _babel_format_skeleton("y", d, locale=locale)
    if precision == "month":
        return _babel_format_skeleton(_MONTH_SKELETONS[fmt], d, locale=locale)
    text = _babel_format_date(d, format=fmt, locale=locale)
    if lang == "fr" and d.day == 1 and fmt != "short":
        text = re.sub(r"^1 ", "1er ", text)  # French writes the first of the month "1er"
    return text


def format_population(n: int | float | None, lang: str, *, unit: bool = True) -> str:
    """A population count, rounded to a whole number: "12 345 habitants" (fr);
    ``unit=False`` gives the number alone."""
    if _missing(n):
        return MISSING
    number = format_number(round(n), lang)  # type: ignore[arg-type]
    return t("value.inhabitants", lang, n=number) if unit else number


# ---------------------------------------------------------------------------------- negotiation


def language_of(tag: str) -> str | None:
    """The offered language a tag names ("nl", "NL", "nl-BE", "nl_BE" -> "nl"), or None."""
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else None


def parse_accept_language(header: str | None) -> list[str]:
    """Languages of an ``Accept-Language`` header we offer, best first: werkzeug parses the
    header (q order, then header order; ``q=0`` and unparseable entries dropped) and Babel
    matches each tag to an offered language (``nl-BE`` -> ``nl``)."""
    if not header or not isinstance(header, str):
        return []
    accept = parse_accept_header(header[:1000], LanguageAccept)
    seen: list[str] = []
    for tag, quality in accept:
        if quality <= 0:
            continue
        match = negotiate_locale([tag.replace("_", "-")], LANGUAGES, sep="-", aliases=None)
        if match and match.lower() not in seen:
            seen.append(match.lower())
    return seen


def negotiate_language(url_lang: str | None, accept_language_header: str | None) -> str:
    """The page language: the link's ``lang`` if offered (``nl``, ``NL``, ``nl-BE``), else
    the best offered language of the browser's ``Accept-Language``, else the default."""
    if isinstance(url_lang, str):
        lang = language_of(url_lang)
        if lang:
            return lang
    preferred = parse_accept_language(accept_language_header)
    return preferred[0] if preferred else DEFAULT_LANGUAGE


# ---------------------------------------------------------------------------------- names


def _name(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def commune_name(row: Mapping[str, Any], lang: str) -> str:
    """A commune's name in ``lang`` from a communes-frame row (``name_fr``, ``name_nl``,
    ``name_de``, ``region``, ``german_speaking``; a ``pandas.Series`` or a dict).

    EN has no names of its own: it uses the name in the commune's region language (Dutch
    in Flanders, French in Wallonia, German in the German-speaking Community, and
    "French / Dutch" in Brussels, or one name when both are the same). A missing name in
    ``lang`` falls back to that same local name.
    """
    check_language(lang)
    local = _local_name(row)
    if lang == "en":
        return local
    return _name(row, f"name_{lang}") or local


def _local_name(row: Mapping[str, Any]) -> str:
    fr, nl, de = (_name(row, f"name_{lang}") for lang in ("fr", "nl", "de"))
    region = _name(row, "region")
    if region == "04000":
        if fr and nl and fr != nl:
            return f"{fr} / {nl}"
        return fr or nl
    if region == "02000":
        return nl or fr or de
    german_speaking = row.get("german_speaking", False)
    if not _missing(german_speaking) and bool(german_speaking):
        return de or fr or nl
    return fr or nl or de
