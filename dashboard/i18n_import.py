"""The membership importer's messages in French, Dutch and German (and English).

Keys: ``import.reason.<code>``, ``import.suggestion.<code>`` and ``import.phrase.<code>``
for the codes of :mod:`dashboard.coverage.messages`. The English text of each key *is* the
importer's template there (one source: the importer writes its English ``reason`` and
``suggestion`` from it); this module adds the translations. :mod:`dashboard.i18n` merges
:data:`IMPORT_MESSAGES` into its catalogue and renders an issue with ``issue_text``.

Placeholders are the importer's parameter names; values are file contents, codes, row
numbers, quoted names and English-free lists, so they are inserted as they are. Words
a person may type in a file (``'own cell'``, ``cellule propre``, ``eigen cel``...) are
the ones :mod:`dashboard.coverage.vocab` accepts.

Pure Python: no dash / plotly, and no import of :mod:`dashboard.i18n` (no cycle).
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.coverage import messages

_Texts = tuple[str, str, str]  # fr, nl, de


# ---------------------------------------------------------------------------------- reasons
_REASONS: dict[str, _Texts] = {
    # ------------------------------------------------------------ the file itself
    "more_errors": (
        "... et {count} autres erreurs non affichées",
        "... en nog {count} fouten die niet getoond worden",
        "... und {count} weitere, nicht aufgeführte Fehler",
    ),
    "file_not_found": (
        "fichier introuvable : {path}",
        "bestand niet gevonden: {path}",
        "Datei nicht gefunden: {path}",
    ),
    "file_too_large": (
        "fichier trop volumineux : {size} octets (limite {limit})",
        "bestand te groot: {size} bytes (limiet {limit})",
        "Datei zu groß: {size} Byte (Grenze {limit})",
    ),
    "empty_file": ("le fichier est vide", "het bestand is leeg", "die Datei ist leer"),
    "empty_csv": ("le fichier est vide", "het bestand is leeg", "die Datei ist leer"),
    "wrong_format": (
        "ce n'est pas un fichier CSV ou XLSX : c'est {what}",
        "geen CSV- of XLSX-bestand: dit is {what}",
        "keine CSV- oder XLSX-Datei: das ist {what}",
    ),
    "zip_not_xlsx": (
        "ce n'est pas un fichier CSV ou XLSX : c'est {what}",
        "geen CSV- of XLSX-bestand: dit is {what}",
        "keine CSV- oder XLSX-Datei: das ist {what}",
    ),
    "binary_content": (
        "ce n'est pas un fichier CSV ou XLSX : le contenu est binaire",
        "geen CSV- of XLSX-bestand: de inhoud is binair",
        "keine CSV- oder XLSX-Datei: der Inhalt ist binär",
    ),
    "damaged_zip": (
        "ce n'est pas un fichier CSV ou XLSX : archive ZIP endommagée",
        "geen CSV- of XLSX-bestand: een beschadigd ZIP-archief",
        "keine CSV- oder XLSX-Datei: ein beschädigtes ZIP-Archiv",
    ),
    "workbook_too_large": (
        "fichier trop volumineux : le classeur décompressé fait {size} octets (limite {limit})",
        "bestand te groot: de werkmap is uitgepakt {size} bytes (limiet {limit})",
        "Datei zu groß: die Arbeitsmappe ist entpackt {size} Byte groß (Grenze {limit})",
    ),
    "xlsx_unreadable": (
        "impossible de lire le classeur XLSX ({detail})",
        "de XLSX-werkmap kan niet gelezen worden ({detail})",
        "die XLSX-Arbeitsmappe kann nicht gelesen werden ({detail})",
    ),
    "no_worksheet": (
        "le classeur ne contient aucune feuille",
        "de werkmap bevat geen werkblad",
        "die Arbeitsmappe enthält kein Tabellenblatt",
    ),
    "sheet_not_found": (
        "aucune feuille nommée {sheet}",
        "geen werkblad met de naam {sheet}",
        "kein Tabellenblatt mit dem Namen {sheet}",
    ),
    "empty_sheet": (
        "la feuille {sheet} est vide",
        "werkblad {sheet} is leeg",
        "das Tabellenblatt {sheet} ist leer",
    ),
    "csv_sheet_ignored": (
        "un fichier CSV n'a pas de feuilles : le nom de feuille est ignoré",
        "een CSV-bestand heeft geen werkbladen: de naam van het werkblad wordt genegeerd",
        "eine CSV-Datei hat keine Tabellenblätter: der Blattname wird ignoriert",
    ),
    "bad_bom": (
        "le fichier commence par une marque d'ordre des octets {encoding} mais n'est pas "
        "du {encoding} valide (octet {position})",
        "het bestand begint met een {encoding}-bytevolgordemarkering maar is geen geldige "
        "{encoding} (byte {position})",
        "die Datei beginnt mit einer {encoding}-Bytereihenfolge-Markierung, ist aber kein "
        "gültiges {encoding} (Byte {position})",
    ),
    "utf16_without_bom": (
        "pas de marque d'ordre des octets : lu comme {encoding}",
        "geen bytevolgordemarkering: gelezen als {encoding}",
        "keine Bytereihenfolge-Markierung: als {encoding} gelesen",
    ),
    "latin1_fallback": (
        "le fichier n'est ni en UTF-8 ni en Windows-1252 : lu comme Latin-1, les lettres "
        "accentuées peuvent être erronées",
        "het bestand is noch UTF-8 noch Windows-1252: gelezen als Latin-1, letters met "
        "accenten kunnen fout zijn",
        "die Datei ist weder UTF-8 noch Windows-1252: als Latin-1 gelesen, Buchstaben mit "
        "Akzenten können falsch sein",
    ),
    "csv_unreadable": (
        "impossible de lire le CSV : {detail}",
        "de CSV kan niet gelezen worden: {detail}",
        "die CSV-Datei kann nicht gelesen werden: {detail}",
    ),
    "too_many_rows": (
        "trop de lignes : plus de {limit} lignes de données",
        "te veel rijen: meer dan {limit} gegevensrijen",
        "zu viele Zeilen: mehr als {limit} Datenzeilen",
    ),
    "unsupported_delimiter": (
        "les colonnes semblent séparées par {delimiter}, ce qui n'est pas pris en charge",
        "de kolommen lijken gescheiden door {delimiter}; dat wordt niet ondersteund",
        "die Spalten scheinen durch {delimiter} getrennt zu sein; das wird nicht unterstützt",
    ),
    "no_data_rows": (
        "aucune ligne de données : le fichier ne contient qu'un en-tête",
        "geen gegevensrijen: het bestand bevat alleen een kopregel",
        "keine Datenzeilen: die Datei enthält nur eine Kopfzeile",
    ),
    "metadata_unreadable": (
        "fichier de métadonnées illisible : {detail}",
        "metadatabestand niet leesbaar: {detail}",
        "Metadatendatei nicht lesbar: {detail}",
    ),
    "illustrative": (
        "ce fichier est marqué comme illustratif : ce ne sont pas des données réelles",
        "dit bestand is gemarkeerd als illustratief: het zijn geen echte gegevens",
        "diese Datei ist als illustrativ gekennzeichnet: es sind keine echten Daten",
    ),
    "inconsistent_snapshot": ("{detail}", "{detail}", "{detail}"),
    # ------------------------------------------------------------ columns
    "header_is_data": (
        "la première ligne ressemble à des données, pas à un en-tête",
        "de eerste rij lijkt op gegevens, niet op een kopregel",
        "die erste Zeile sieht nach Daten aus, nicht nach einer Kopfzeile",
    ),
    "values_without_header": (
        "cette colonne contient des valeurs mais n'a pas d'en-tête",
        "deze kolom bevat waarden maar heeft geen kop",
        "diese Spalte enthält Werte, hat aber keine Überschrift",
    ),
    "map_column_missing": (
        "la correspondance de colonnes cite une colonne absente du fichier",
        "de kolomtoewijzing noemt een kolom die niet in het bestand staat",
        "die Spaltenzuordnung nennt eine Spalte, die nicht in der Datei steht",
    ),
    "map_unknown_field": (
        "champ inconnu {field} dans la correspondance de colonnes",
        "onbekend veld {field} in de kolomtoewijzing",
        "unbekanntes Feld {field} in der Spaltenzuordnung",
    ),
    "map_unknown_field_near": (
        "champ inconnu {field} dans la correspondance de colonnes",
        "onbekend veld {field} in de kolomtoewijzing",
        "unbekanntes Feld {field} in der Spaltenzuordnung",
    ),
    "unrecognised_column": (
        "colonne non reconnue",
        "kolom niet herkend",
        "Spalte nicht erkannt",
    ),
    "unrecognised_column_near": (
        "colonne non reconnue",
        "kolom niet herkend",
        "Spalte nicht erkannt",
    ),
    "duplicate_field": (
        "deux colonnes désignent {field} : {first} et {second}",
        "twee kolommen betekenen {field}: {first} en {second}",
        "zwei Spalten bedeuten {field}: {first} und {second}",
    ),
    "one_column": (
        "l'en-tête n'a qu'une seule colonne",
        "de kopregel heeft maar één kolom",
        "die Kopfzeile hat nur eine Spalte",
    ),
    "no_commune_column": (
        "pas de colonne commune (code INS ou nom)",
        "geen kolom gemeente (NIS-code of naam)",
        "keine Spalte Gemeinde (NIS-Kennziffer oder Name)",
    ),
    "no_status_column": (
        "pas de colonne statut",
        "geen kolom status",
        "keine Spalte Status",
    ),
    "no_date_column": (
        "pas de date de référence : le fichier n'a pas de colonne date et aucune date n'a "
        "été indiquée",
        "geen peildatum: het bestand heeft geen datumkolom en er is geen datum opgegeven",
        "kein Stichtag: die Datei hat keine Datumsspalte und es wurde kein Datum angegeben",
    ),
    # ------------------------------------------------------------ rows and cells
    "row_too_long": (
        "cette ligne a {values} valeurs mais l'en-tête a {columns} colonnes",
        "deze rij heeft {values} waarden maar de kopregel heeft {columns} kolommen",
        "diese Zeile hat {values} Werte, die Kopfzeile aber {columns} Spalten",
    ),
    "formula_cell": (
        "cellule avec formule : le fichier doit contenir des valeurs",
        "cel met formule: het bestand moet waarden bevatten",
        "Zelle mit Formel: die Datei muss Werte enthalten",
    ),
    "formula_start": (
        "une valeur ne peut pas commencer par = + @ ou une tabulation (formule de tableur / "
        "injection CSV)",
        "een waarde mag niet beginnen met = + @ of een tab (spreadsheetformule / CSV-injectie)",
        "ein Wert darf nicht mit = + @ oder einem Tabulator beginnen (Tabellenformel / "
        "CSV-Injektion)",
    ),
    "merged_cells": (
        "cellules fusionnées {range}",
        "samengevoegde cellen {range}",
        "verbundene Zellen {range}",
    ),
    "example_row": (
        "une ligne d'exemple du modèle",
        "een voorbeeldrij uit het sjabloon",
        "eine Beispielzeile aus der Vorlage",
    ),
    # ------------------------------------------------------------ dates
    "date_argument_invalid": (
        "la date indiquée n'est pas valide : {problem}",
        "de opgegeven datum is niet geldig: {problem}",
        "das angegebene Datum ist ungültig: {problem}",
    ),
    "unreadable_date": (
        "date illisible : {problem}",
        "onleesbare datum: {problem}",
        "unlesbares Datum: {problem}",
    ),
    "no_dates": (
        "pas de date de référence : la colonne date est vide sur toutes les lignes",
        "geen peildatum: de datumkolom is op elke rij leeg",
        "kein Stichtag: die Datumsspalte ist in jeder Zeile leer",
    ),
    "mixed_dates": (
        "la date de référence {date} diffère de {first_date} (ligne {first_row}) : dates "
        "différentes dans un même fichier",
        "peildatum {date} verschilt van {first_date} (rij {first_row}): verschillende datums "
        "in één bestand",
        "der Stichtag {date} weicht von {first_date} ab (Zeile {first_row}): verschiedene "
        "Daten in einer Datei",
    ),
    "date_contradicts_argument": (
        "la date du fichier {date} contredit la date indiquée ({given})",
        "de datum van het bestand {date} is in strijd met de opgegeven datum ({given})",
        "das Datum der Datei {date} widerspricht dem angegebenen Datum ({given})",
    ),
    "rows_without_date": (
        "pas de date sur {count} ligne(s) ({rows}) : la date du fichier {date} leur est appliquée",
        "geen datum op {count} rij(en) ({rows}): de datum van het bestand {date} wordt ervoor "
        "gebruikt",
        "kein Datum in {count} Zeile(n) ({rows}): das Datum der Datei {date} wird für sie "
        "verwendet",
    ),
    "date_in_future": (
        "la date de référence {date} est dans le futur",
        "peildatum {date} ligt in de toekomst",
        "der Stichtag {date} liegt in der Zukunft",
    ),
    "date_outside_vintages": (
        "la date ne correspond à aucun découpage communal : {detail}",
        "de datum valt buiten elke gemeentelijke indeling: {detail}",
        "das Datum liegt außerhalb jeder Gemeindeeinteilung: {detail}",
    ),
    # ------------------------------------------------------------ communes
    "historical_match": (
        "{note} (découpage en vigueur au {date}) : comptée comme {commune}",
        "{note} (de indeling die geldt op {date}): geteld als {commune}",
        "{note} (die am {date} geltende Einteilung): gezählt als {commune}",
    ),
    "no_commune_on_row": (
        "pas de commune sur cette ligne",
        "geen gemeente op deze rij",
        "keine Gemeinde in dieser Zeile",
    ),
    "ambiguous_name": (
        "nom de commune ambigu : il désigne {count} communes : {communes}",
        "dubbelzinnige gemeentenaam: hij duidt {count} gemeenten aan: {communes}",
        "mehrdeutiger Gemeindename: er bezeichnet {count} Gemeinden: {communes}",
    ),
    "commune_split": (
        "cette commune n'existait pas à la date du {date} : {note}",
        "deze gemeente bestond niet op {date}: {note}",
        "diese Gemeinde bestand am {date} nicht: {note}",
    ),
    "unknown_code": (
        "code INS inconnu : {note}",
        "onbekende NIS-code: {note}",
        "unbekannte NIS-Kennziffer: {note}",
    ),
    "unknown_code_near": (
        "code INS inconnu : {note}",
        "onbekende NIS-code: {note}",
        "unbekannte NIS-Kennziffer: {note}",
    ),
    "not_a_code": (
        "ce n'est pas un code INS à 5 chiffres",
        "geen NIS-code van 5 cijfers",
        "keine fünfstellige NIS-Kennziffer",
    ),
    "unknown_name": (
        "commune inconnue : aucune commune du découpage {vintage} ne porte ce nom",
        "onbekende gemeente: geen gemeente van de indeling {vintage} heeft deze naam",
        "unbekannte Gemeinde: keine Gemeinde der Einteilung {vintage} hat diesen Namen",
    ),
    "unknown_name_near": (
        "commune inconnue : aucune commune du découpage {vintage} ne porte ce nom",
        "onbekende gemeente: geen gemeente van de indeling {vintage} heeft deze naam",
        "unbekannte Gemeinde: keine Gemeinde der Einteilung {vintage} hat diesen Namen",
    ),
    "code_name_disagree": (
        "le code et le nom ne concordent pas : le code est {code_commune} mais le nom est "
        "{name_commune}",
        "code en naam komen niet overeen: de code is {code_commune} maar de naam is {name_commune}",
        "Kennziffer und Name stimmen nicht überein: die Kennziffer ist {code_commune}, der "
        "Name aber {name_commune}",
    ),
    "name_not_recognised": (
        "nom non reconnu ; le code {nis} ({name}) est utilisé",
        "naam niet herkend; de code {nis} ({name}) wordt gebruikt",
        "Name nicht erkannt; die Kennziffer {nis} ({name}) wird verwendet",
    ),
    "commune_in_two_cells": (
        "commune dans deux cellules : {commune} est dans la cellule {first_cell} à la ligne "
        "{first_row} et dans la cellule {cell_name} ici",
        "gemeente in twee LIVC's: {commune} zit in cel {first_cell} op rij {first_row} en "
        "hier in cel {cell_name}",
        "Gemeinde in zwei Zellen: {commune} ist in Zeile {first_row} in der Zelle "
        "{first_cell} und hier in der Zelle {cell_name}",
    ),
    "duplicate_commune": (
        "commune en double : {commune} figure déjà à la ligne {first_row}",
        "dubbele gemeente: {commune} staat al op rij {first_row}",
        "doppelte Gemeinde: {commune} steht schon in Zeile {first_row}",
    ),
    "duplicate_commune_alias": (
        "commune en double : {commune} figure déjà à la ligne {first_row} ({first} et "
        "{second} désignent tous deux {commune} dans le découpage {vintage})",
        "dubbele gemeente: {commune} staat al op rij {first_row} ({first} en {second} zijn "
        "allebei {commune} in de indeling {vintage})",
        "doppelte Gemeinde: {commune} steht schon in Zeile {first_row} ({first} und "
        "{second} sind beide {commune} in der Einteilung {vintage})",
    ),
    "duplicate_commune_part": (
        "commune en double : la ligne {whole_row} désigne {commune} et la ligne {part_row} "
        "désigne {part}, une ancienne commune qui fait partie de {commune} dans le découpage "
        "{vintage}",
        "dubbele gemeente: rij {whole_row} noemt {commune} en rij {part_row} noemt {part}, "
        "een voormalige gemeente die in de indeling {vintage} deel uitmaakt van {commune}",
        "doppelte Gemeinde: Zeile {whole_row} nennt {commune} und Zeile {part_row} nennt "
        "{part}, eine frühere Gemeinde, die in der Einteilung {vintage} zu {commune} gehört",
    ),
    # ------------------------------------------------------------ former parts (mergers)
    "merged_part": (
        "cette ligne désigne l'ancienne commune {part}, qui fait partie de {commune} dans le "
        "découpage {vintage} ; {commune} apparaît comme « {shown} » parce que le fichier ne "
        "donne pas ses autres anciennes parties : {missing}",
        "deze rij noemt de voormalige gemeente {part}, die in de indeling {vintage} deel "
        "uitmaakt van {commune}; {commune} wordt weergegeven als '{shown}' omdat het bestand "
        "de andere voormalige delen niet vermeldt: {missing}",
        "diese Zeile nennt die frühere Gemeinde {part}, die in der Einteilung {vintage} zu "
        "{commune} gehört; {commune} wird als „{shown}“ angezeigt, weil die Datei die anderen "
        "früheren Teile nicht angibt: {missing}",
    ),
    "merged_parts_disagree": (
        "les lignes des anciennes parties de {commune} ne concordent pas ({statuses}) : "
        "{commune} apparaît comme « {shown} »",
        "de rijen voor de voormalige delen van {commune} spreken elkaar tegen ({statuses}): "
        "{commune} wordt weergegeven als '{shown}'",
        "die Zeilen der früheren Teile von {commune} widersprechen sich ({statuses}): "
        "{commune} wird als „{shown}“ angezeigt",
    ),
    # ------------------------------------------------------------ statuses
    "empty_status": ("statut vide", "lege status", "leerer Status"),
    "unknown_status": ("statut inconnu", "onbekende status", "unbekannter Status"),
    "unknown_status_near": ("statut inconnu", "onbekende status", "unbekannter Status"),
    "cell_spelling": (
        "lu comme la même cellule que {cell_name} (ligne {first_row})",
        "gelezen als dezelfde cel als {cell_name} (rij {first_row})",
        "als dieselbe Zelle gelesen wie {cell_name} (Zeile {first_row})",
    ),
    "covered_without_cell": (
        "indique que la commune a une cellule, mais pas si elle est propre ou partagée",
        "zegt dat de gemeente een LIVC heeft, maar niet of die eigen of gedeeld is",
        "gibt an, dass die Gemeinde eine Zelle hat, aber nicht, ob es eine eigene oder eine "
        "gemeinsame ist",
    ),
    "status_with_cell": (
        "statut {status_text} ({status}) mais la ligne cite une cellule",
        "status {status_text} ({status}) maar de rij noemt een cel",
        "Status {status_text} ({status}), aber die Zeile nennt eine Zelle",
    ),
    "own_cell_shared": (
        "indiquée cellule propre, mais la cellule {cell_name} compte {count} communes "
        "membres ({rows})",
        "aangeduid als eigen LIVC, maar cel {cell_name} heeft {count} deelnemende "
        "gemeenten ({rows})",
        "als eigene Zelle angegeben, aber die Zelle {cell_name} hat {count} "
        "Mitgliedsgemeinden ({rows})",
    ),
    "shared_cell_alone": (
        "indiquée cellule partagée, mais c'est la seule commune de la cellule {cell_name} "
        "dans le fichier",
        "aangeduid als gedeelde LIVC, maar het is de enige gemeente van cel {cell_name} in "
        "het bestand",
        "als gemeinsame Zelle angegeben, aber sie ist die einzige Gemeinde der Zelle "
        "{cell_name} in der Datei",
    ),
    "shared_without_cell_name": (
        "{count} commune(s) indiquée(s) en cellule partagée sans nom de cellule ({rows}) : "
        "leurs cellules ne peuvent pas être comptées",
        "{count} gemeente(n) aangeduid als gedeelde LIVC zonder naam van de cel ({rows}): "
        "hun cellen kunnen niet geteld worden",
        "{count} Gemeinde(n) als gemeinsame Zelle ohne Zellennamen angegeben ({rows}): ihre "
        "Zellen können nicht gezählt werden",
    ),
}

_DATE_HELP: _Texts = (
    "écrivez les dates sous la forme AAAA-MM-JJ (ou JJ/MM/AAAA, JJ.MM.AAAA, JJ-MM-AAAA)",
    "schrijf datums als JJJJ-MM-DD (of DD/MM/JJJJ, DD.MM.JJJJ, DD-MM-JJJJ)",
    "schreiben Sie Daten als JJJJ-MM-TT (oder TT/MM/JJJJ, TT.MM.JJJJ, TT-MM-JJJJ)",
)
_STATUS_HELP: _Texts = (
    "acceptés : own_cell, shared_cell, planned, none, unknown, ou leurs équivalents "
    "français, néerlandais et allemands (voir data/membership_schema.md)",
    "aanvaard: own_cell, shared_cell, planned, none, unknown, of hun Nederlandse, Franse "
    "en Duitse woorden (zie data/membership_schema.md)",
    "zulässig: own_cell, shared_cell, planned, none, unknown oder die deutschen, "
    "französischen und niederländischen Wörter dafür (siehe data/membership_schema.md)",
)
_REFNIS: _Texts = (
    "Vérifiez le code dans la liste REFNIS de Statbel (découpage {vintage})",
    "Controleer de code in de REFNIS-lijst van Statbel (indeling {vintage})",
    "Prüfen Sie die Kennziffer anhand der REFNIS-Liste von Statbel (Einteilung {vintage})",
)
_MAP_HINT: _Texts = (
    'Renommez-la, ou indiquez sa correspondance : --map "{header}={target}" '
    '(ou "{header}=ignore" pour l\'ignorer)',
    'Geef ze een andere naam, of wijs ze expliciet toe: --map "{header}={target}" '
    '(of "{header}=ignore" om ze over te slaan)',
    'Benennen Sie sie um oder ordnen Sie sie ausdrücklich zu: --map "{header}={target}" '
    '(oder "{header}=ignore", um sie zu überspringen)',
)


def _then(first: _Texts, second: _Texts) -> _Texts:
    """Two sentences of a suggestion, one after the other (the second capitalised)."""
    fr, nl, de = (f"{a} {b[:1].upper()}{b[1:]}" for a, b in zip(first, second, strict=True))
    return fr, nl, de


_DID_YOU_MEAN: _Texts = (
    "vouliez-vous dire {candidates} ?",
    "bedoelde u {candidates}?",
    "meinten Sie {candidates}?",
)
_SEPARATE_COLUMNS: _Texts = (
    "séparez les colonnes par une virgule, un point-virgule ou une tabulation",
    "scheid de kolommen met een komma, een puntkomma of een tab",
    "trennen Sie die Spalten durch ein Komma, ein Semikolon oder einen Tabulator",
)
_KEEP_ONE_ROW: _Texts = (
    "gardez une seule ligne par commune",
    "behoud één rij per gemeente",
    "behalten Sie eine Zeile pro Gemeinde",
)

# ---------------------------------------------------------------------------------- suggestions
_SUGGESTIONS: dict[str, _Texts] = {
    "more_errors": (
        "corrigez les erreurs ci-dessus et validez à nouveau",
        "verbeter de fouten hierboven en valideer opnieuw",
        "beheben Sie die Fehler oben und prüfen Sie erneut",
    ),
    "file_not_found": (
        "vérifiez le chemin",
        "controleer het pad",
        "prüfen Sie den Pfad",
    ),
    "file_too_large": (
        "scindez le fichier ou supprimez les feuilles, colonnes et lignes inutilisées",
        "splits het bestand of verwijder ongebruikte werkbladen, kolommen en rijen",
        "teilen Sie die Datei auf oder entfernen Sie unbenutzte Blätter, Spalten und Zeilen",
    ),
    "empty_file": (
        "utilisez data/membership_template.csv : une ligne d'en-tête, puis une ligne par commune",
        "gebruik data/membership_template.csv: een kopregel, dan één rij per gemeente",
        "verwenden Sie data/membership_template.csv: eine Kopfzeile, dann eine Zeile pro Gemeinde",
    ),
    "empty_csv": (
        "ajoutez une ligne d'en-tête et une ligne par commune",
        "voeg een kopregel en één rij per gemeente toe",
        "fügen Sie eine Kopfzeile und eine Zeile pro Gemeinde hinzu",
    ),
    "wrong_format": (
        "enregistrez la liste en .xlsx (Excel 2007 ou plus récent) ou en CSV",
        "sla de lijst op als .xlsx (Excel 2007 of later) of als CSV",
        "speichern Sie die Liste als .xlsx (Excel 2007 oder neuer) oder als CSV",
    ),
    "zip_not_xlsx": (
        "enregistrez la liste en .xlsx (Excel) ou en CSV",
        "sla de lijst op als .xlsx (Excel) of als CSV",
        "speichern Sie die Liste als .xlsx (Excel) oder als CSV",
    ),
    "binary_content": (
        "enregistrez la liste en .xlsx ou en CSV (séparateur virgule, point-virgule ou tabulation)",
        "sla de lijst op als .xlsx of als CSV (gescheiden door komma, puntkomma of tab)",
        "speichern Sie die Liste als .xlsx oder als CSV (getrennt durch Komma, Semikolon "
        "oder Tabulator)",
    ),
    "damaged_zip": (
        "ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau en .xlsx",
        "open het in Excel of LibreOffice en sla het opnieuw op als .xlsx",
        "öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie erneut als .xlsx",
    ),
    "workbook_too_large": (
        "ne gardez que la feuille des membres",
        "behoud alleen het werkblad met de leden",
        "behalten Sie nur das Blatt mit den Mitgliedern",
    ),
    "xlsx_unreadable": (
        "ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau en .xlsx, ou en CSV",
        "open het in Excel of LibreOffice en sla het opnieuw op als .xlsx, of als CSV",
        "öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie erneut als "
        ".xlsx oder als CSV",
    ),
    "no_worksheet": (
        "ajoutez une feuille contenant la liste",
        "voeg een werkblad met de lijst toe",
        "fügen Sie ein Tabellenblatt mit der Liste hinzu",
    ),
    "sheet_not_found": (
        "feuilles de ce classeur : {sheets}",
        "werkbladen in deze werkmap: {sheets}",
        "Tabellenblätter in dieser Arbeitsmappe: {sheets}",
    ),
    "empty_sheet": (
        "placez l'en-tête sur la première ligne, ou indiquez la bonne feuille (--sheet)",
        "zet de kopregel op de eerste rij, of geef het juiste werkblad op (--sheet)",
        "setzen Sie die Kopfzeile in die erste Zeile oder nennen Sie das richtige Blatt (--sheet)",
    ),
    "bad_bom": (
        "enregistrez-le à nouveau en « CSV UTF-8 »",
        "sla het opnieuw op als 'CSV UTF-8'",
        "speichern Sie die Datei erneut als „CSV UTF-8“",
    ),
    "utf16_without_bom": (
        "vérifiez les noms ci-dessous ; enregistrez en « CSV UTF-8 » pour plus de sûreté",
        "controleer de namen hieronder; sla voor de zekerheid op als 'CSV UTF-8'",
        "prüfen Sie die Namen unten; speichern Sie sicherheitshalber als „CSV UTF-8“",
    ),
    "latin1_fallback": (
        "enregistrez-le en « CSV UTF-8 »",
        "sla het op als 'CSV UTF-8'",
        "speichern Sie die Datei als „CSV UTF-8“",
    ),
    "csv_unreadable": (
        "vérifiez les guillemets sur cette ligne",
        "controleer de aanhalingstekens op deze regel",
        "prüfen Sie die Anführungszeichen in dieser Zeile",
    ),
    "too_many_rows": (
        "une ligne par commune suffit (la Belgique en compte au plus 589)",
        "één rij per gemeente volstaat (België telt er hoogstens 589)",
        "eine Zeile pro Gemeinde genügt (Belgien hat höchstens 589)",
    ),
    "unsupported_delimiter": _SEPARATE_COLUMNS,
    "no_data_rows": (
        "ajoutez une ligne par commune sous l'en-tête",
        "voeg onder de kopregel één rij per gemeente toe",
        "fügen Sie unter der Kopfzeile eine Zeile pro Gemeinde hinzu",
    ),
    "inconsistent_snapshot": (
        "veuillez signaler ce fichier",
        "meld dit bestand alstublieft",
        "bitte melden Sie diese Datei",
    ),
    "header_is_data": (
        "ajoutez une ligne d'en-tête : {columns}",
        "voeg een kopregel toe: {columns}",
        "fügen Sie eine Kopfzeile hinzu: {columns}",
    ),
    "values_without_header": (
        "ajoutez un en-tête (p. ex. {columns}) ou supprimez la colonne",
        "voeg een kop toe (bv. {columns}) of verwijder de kolom",
        "fügen Sie eine Überschrift hinzu (z. B. {columns}) oder löschen Sie die Spalte",
    ),
    "map_column_missing": (
        "colonnes du fichier : {columns}",
        "kolommen in het bestand: {columns}",
        "Spalten in der Datei: {columns}",
    ),
    "map_unknown_field": (
        "champs : {fields}",
        "velden: {fields}",
        "Felder: {fields}",
    ),
    "map_unknown_field_near": (
        "champs : {fields} ; vouliez-vous dire {candidate} ?",
        "velden: {fields}; bedoelde u {candidate}?",
        "Felder: {fields}; meinten Sie {candidate}?",
    ),
    "unrecognised_column": _MAP_HINT,
    "unrecognised_column_near": _then(
        (
            "vouliez-vous dire {candidate} ({field}) ?",
            "bedoelde u {candidate} ({field})?",
            "meinten Sie {candidate} ({field})?",
        ),
        _MAP_HINT,
    ),
    "duplicate_field": (
        'supprimez-en une, ou ignorez-la : --map "{header}=ignore"',
        'verwijder er een, of sla ze over: --map "{header}=ignore"',
        'löschen Sie eine oder überspringen Sie sie: --map "{header}=ignore"',
    ),
    "one_column": _SEPARATE_COLUMNS,
    "no_commune_column": (
        "ajoutez une colonne « nis_code » ou « commune » (Commune, Code INS, Gemeente, "
        'Gemeinde...), ou indiquez la vôtre : --map "Votre en-tête=commune"',
        "voeg een kolom 'nis_code' of 'commune' toe (Gemeente, NIS-code, Commune, "
        'Gemeinde...), of wijs de uwe toe: --map "Uw kop=commune"',
        "fügen Sie eine Spalte „nis_code“ oder „commune“ hinzu (Gemeinde, Kennziffer, "
        'Commune, Gemeente...) oder ordnen Sie Ihre zu: --map "Ihre Überschrift=commune"',
    ),
    "no_status_column": (
        "ajoutez une colonne « status » (Statut, CSIL, Status, LIVC...), ou indiquez la "
        'vôtre : --map "Votre en-tête=status"',
        "voeg een kolom 'status' toe (Status, LIVC, Statut, CSIL...), of wijs de uwe toe: "
        '--map "Uw kop=status"',
        "fügen Sie eine Spalte „status“ hinzu (Status, Zustand, Statut, LIVC...) oder "
        'ordnen Sie Ihre zu: --map "Ihre Überschrift=status"',
    ),
    "no_date_column": (
        "ajoutez une colonne « as_of » (Date...) ou indiquez la date (--date AAAA-MM-JJ)",
        "voeg een kolom 'as_of' toe (Datum, Peildatum...) of geef de datum op (--date JJJJ-MM-DD)",
        "fügen Sie eine Spalte „as_of“ hinzu (Datum, Stichtag...) oder geben Sie das "
        "Datum an (--date JJJJ-MM-TT)",
    ),
    "row_too_long": (
        "une valeur contient le séparateur : mettez-la entre guillemets doubles, ou supprimez-le",
        "een waarde bevat het scheidingsteken: zet ze tussen dubbele aanhalingstekens, of "
        "verwijder het",
        "ein Wert enthält das Trennzeichen: setzen Sie ihn in doppelte Anführungszeichen "
        "oder entfernen Sie es",
    ),
    "formula_cell": (
        "copiez la colonne et recollez-la en valeurs seulement (Collage spécial → Valeurs)",
        "kopieer de kolom en plak ze terug als alleen waarden (Plakken speciaal → Waarden)",
        "kopieren Sie die Spalte und fügen Sie sie nur als Werte wieder ein (Inhalte "
        "einfügen → Werte)",
    ),
    "formula_start": (
        "supprimez le premier caractère",
        "verwijder het eerste teken",
        "entfernen Sie das erste Zeichen",
    ),
    "merged_cells": (
        "annulez la fusion et répétez la valeur sur chaque ligne (une ligne par commune)",
        "maak de samenvoeging ongedaan en herhaal de waarde op elke rij (één rij per gemeente)",
        "heben Sie die Verbindung auf und wiederholen Sie den Wert in jeder Zeile (eine "
        "Zeile pro Gemeinde)",
    ),
    "example_row": (
        "supprimez-la sauf si elle est réelle",
        "verwijder ze, tenzij ze echt is",
        "löschen Sie sie, außer sie ist echt",
    ),
    "date_argument_invalid": _DATE_HELP,
    "unreadable_date": _DATE_HELP,
    "no_dates": (
        "indiquez la date (AAAA-MM-JJ) ou passez-la (--date AAAA-MM-JJ)",
        "vul de datum in (JJJJ-MM-DD) of geef ze op (--date JJJJ-MM-DD)",
        "tragen Sie das Datum ein (JJJJ-MM-TT) oder geben Sie es an (--date JJJJ-MM-TT)",
    ),
    "mixed_dates": (
        "un fichier est un instantané : utilisez la même date sur chaque ligne, ou scindez "
        "le fichier",
        "één bestand is één momentopname: gebruik op elke rij dezelfde datum, of splits het "
        "bestand",
        "eine Datei ist eine Momentaufnahme: verwenden Sie in jeder Zeile dasselbe Datum "
        "oder teilen Sie die Datei auf",
    ),
    "date_contradicts_argument": (
        "omettez --date, ou corrigez le fichier",
        "laat --date weg, of verbeter het bestand",
        "lassen Sie --date weg oder korrigieren Sie die Datei",
    ),
    "date_in_future": (
        "indiquez la date que décrit la liste (aujourd'hui ou avant)",
        "gebruik de datum die de lijst beschrijft (vandaag of vroeger)",
        "verwenden Sie das Datum, das die Liste beschreibt (heute oder früher)",
    ),
    "date_outside_vintages": (
        "vérifiez l'année de la date de référence",
        "controleer het jaar van de peildatum",
        "prüfen Sie das Jahr des Stichtags",
    ),
    "no_commune_on_row": (
        "indiquez le code INS ou le nom de la commune, ou supprimez la ligne",
        "vul de NIS-code of de naam van de gemeente in, of verwijder de rij",
        "tragen Sie die NIS-Kennziffer oder den Namen der Gemeinde ein oder löschen Sie die Zeile",
    ),
    "ambiguous_name": (
        "indiquez le code INS dans une colonne « nis_code », ou le nom complet (p. ex. {example})",
        "geef de NIS-code in een kolom 'nis_code', of de volledige naam (bv. {example})",
        "geben Sie die NIS-Kennziffer in einer Spalte „nis_code“ an oder den vollständigen "
        "Namen (z. B. {example})",
    ),
    "commune_split": (
        "indiquez ses parties sur des lignes séparées : {parts}",
        "zet de delen op afzonderlijke rijen: {parts}",
        "führen Sie die Teile in getrennten Zeilen auf: {parts}",
    ),
    "unknown_code": _REFNIS,
    "unknown_code_near": _then(_DID_YOU_MEAN, _REFNIS),
    "not_a_code": _REFNIS,
    "unknown_name": (
        "vérifiez l'orthographe, ou indiquez le code INS",
        "controleer de spelling, of geef de NIS-code",
        "prüfen Sie die Schreibweise oder geben Sie die NIS-Kennziffer an",
    ),
    "unknown_name_near": _DID_YOU_MEAN,
    "code_name_disagree": (
        "corrigez le code ou le nom",
        "verbeter de code of de naam",
        "korrigieren Sie die Kennziffer oder den Namen",
    ),
    "name_not_recognised": (
        "vérifiez le nom",
        "controleer de naam",
        "prüfen Sie den Namen",
    ),
    "commune_in_two_cells": (
        "une commune fait partie d'une seule cellule à une date donnée : gardez une seule ligne",
        "een gemeente zit op een bepaalde datum in hoogstens één LIVC: behoud één rij",
        "eine Gemeinde gehört zu einem Datum höchstens einer Zelle an: behalten Sie eine Zeile",
    ),
    "duplicate_commune": _KEEP_ONE_ROW,
    "duplicate_commune_alias": _KEEP_ONE_ROW,
    "duplicate_commune_part": (
        "gardez soit la ligne de {commune}, soit les lignes de ses anciennes parties, mais pas "
        "les deux",
        "behoud ofwel de rij voor {commune}, ofwel de rijen voor haar voormalige delen, niet "
        "allebei",
        "behalten Sie entweder die Zeile für {commune} oder die Zeilen für ihre früheren "
        "Teile, nicht beide",
    ),
    "merged_part": (
        "ajoutez une ligne pour chaque ancienne partie manquante dont vous connaissez le "
        "statut ; ou, si vous connaissez le statut de {commune} dans son ensemble, donnez-lui "
        "une seule ligne au lieu des lignes de ses anciennes parties",
        "voeg een rij toe voor elk ontbrekend voormalig deel waarvan u de status kent; of, "
        "als u de status van {commune} als geheel kent, geef die gemeente dan één rij in "
        "plaats van rijen voor haar voormalige delen",
        "fügen Sie für jeden fehlenden früheren Teil, dessen Status Sie kennen, eine Zeile "
        "hinzu; oder, wenn Sie den Status von {commune} als Ganzes kennen, geben Sie ihr eine "
        "einzige Zeile statt Zeilen für ihre früheren Teile",
    ),
    "merged_parts_disagree": (
        "vérifiez ces lignes ; si vous connaissez le statut de {commune} dans son ensemble, "
        "donnez-lui plutôt une seule ligne",
        "controleer deze rijen; als u de status van {commune} als geheel kent, geef die "
        "gemeente dan liever één rij",
        "prüfen Sie diese Zeilen; wenn Sie den Status von {commune} als Ganzes kennen, geben "
        "Sie ihr stattdessen eine einzige Zeile",
    ),
    "empty_status": (
        "indiquez un statut ; si vous ne le connaissez pas, écrivez « inconnu » (unknown, "
        "onbekend, unbekannt)",
        "vul een status in; als u die niet kent, schrijf dan 'onbekend' (unknown, inconnu, "
        "unbekannt)",
        "tragen Sie einen Status ein; wenn Sie ihn nicht kennen, schreiben Sie „unbekannt“ "
        "(unknown, inconnu, onbekend)",
    ),
    "unknown_status": _STATUS_HELP,
    "unknown_status_near": _then(_DID_YOU_MEAN, _STATUS_HELP),
    "cell_spelling": (
        "écrivez les noms de cellule de la même façon sur chaque ligne",
        "schrijf de namen van de cellen op elke rij op dezelfde manier",
        "schreiben Sie die Zellennamen in jeder Zeile gleich",
    ),
    "covered_without_cell": (
        "écrivez « cellule propre » / « cellule partagée » (own cell / shared cell, eigen / "
        "gedeelde cel), ou nommez la cellule dans la colonne cellule",
        "schrijf 'eigen cel' / 'gedeelde cel' (own cell / shared cell, cellule propre / "
        "partagée), of vul de naam van de cel in de kolom cel in",
        "schreiben Sie „eigene Zelle“ / „gemeinsame Zelle“ (own cell / shared cell, "
        "cellule propre / partagée), oder nennen Sie die Zelle in der Spalte Zelle",
    ),
    "status_with_cell": (
        "videz la cellule, ou corrigez le statut",
        "maak de cel leeg, of verbeter de status",
        "leeren Sie die Zelle oder korrigieren Sie den Status",
    ),
    "own_cell_shared": (
        "écrivez « cellule partagée » sur la ligne de chaque membre, ou donnez à cette "
        "commune un nom de cellule propre",
        "schrijf 'gedeelde cel' op de rij van elke deelnemer, of geef deze gemeente een "
        "eigen celnaam",
        "schreiben Sie „gemeinsame Zelle“ in die Zeile jedes Mitglieds oder geben Sie "
        "dieser Gemeinde einen eigenen Zellennamen",
    ),
    "shared_cell_alone": (
        "ajoutez les autres communes membres avec le même nom de cellule, ou écrivez "
        "« cellule propre »",
        "voeg de andere deelnemende gemeenten toe met dezelfde celnaam, of schrijf 'eigen cel'",
        "fügen Sie die anderen Mitgliedsgemeinden mit demselben Zellennamen hinzu oder "
        "schreiben Sie „eigene Zelle“",
    ),
    "shared_without_cell_name": (
        "nommez la cellule dans la colonne cellule",
        "vul de naam van de cel in de kolom cel in",
        "nennen Sie die Zelle in der Spalte Zelle",
    ),
}

# ---------------------------------------------------------------------------------- phrases
_PHRASES: dict[str, _Texts] = {
    "or": ("{first} ou {second}", "{first} of {second}", "{first} oder {second}"),
    "text": ("{text}", "{text}", "{text}"),
    "rows": ("lignes {rows}", "rijen {rows}", "Zeilen {rows}"),
    "rows_more": (
        "lignes {rows} et {more} autres",
        "rijen {rows} en nog {more}",
        "Zeilen {rows} und {more} weitere",
    ),
    "format_xls": (
        "un ancien classeur Excel .xls ou un classeur protégé par mot de passe",
        "een oude Excel-werkmap (.xls) of een met een wachtwoord beveiligde werkmap",
        "eine alte Excel-Arbeitsmappe (.xls) oder eine kennwortgeschützte Arbeitsmappe",
    ),
    "format_pdf": ("un document PDF", "een pdf-document", "ein PDF-Dokument"),
    "format_png": ("une image PNG", "een png-afbeelding", "ein PNG-Bild"),
    "format_jpeg": ("une image JPEG", "een jpeg-afbeelding", "ein JPEG-Bild"),
    "format_gif": ("une image GIF", "een gif-afbeelding", "ein GIF-Bild"),
    "format_gzip": ("une archive gzip", "een gzip-archief", "ein gzip-Archiv"),
    "format_rtf": ("un document RTF", "een rtf-document", "ein RTF-Dokument"),
    "format_ods": (
        "un classeur OpenDocument (.ods)",
        "een OpenDocument-rekenblad (.ods)",
        "eine OpenDocument-Tabelle (.ods)",
    ),
    "format_zip": ("une archive ZIP", "een ZIP-archief", "ein ZIP-Archiv"),
    "date_no_such_day": (
        "ce jour n'existe pas ({detail})",
        "die dag bestaat niet ({detail})",
        "diesen Tag gibt es nicht ({detail})",
    ),
    "date_two_digit_year": (
        "l'année a deux chiffres",
        "het jaar heeft twee cijfers",
        "das Jahr hat zwei Ziffern",
    ),
    "date_excel_serial": (
        "cela ressemble à un numéro de série de date Excel",
        "dit lijkt op een Excel-datumserienummer",
        "das sieht nach einer Excel-Datumsseriennummer aus",
    ),
    "date_unknown_format": (
        "ce n'est pas une date dans un format connu",
        "geen datum in een bekende notatie",
        "kein Datum in einem bekannten Format",
    ),
    "historical_note": (
        "{spelling} ({code}, découpage {old_vintage}) correspond à {commune} dans le découpage "
        "{vintage}",
        "{spelling} ({code}, indeling {old_vintage}) is {commune} in de indeling {vintage}",
        "{spelling} ({code}, Einteilung {old_vintage}) ist {commune} in der Einteilung {vintage}",
    ),
    "split_note": (
        "{spelling} ({code}) est une commune du découpage {old_vintage} ; dans le découpage "
        "{vintage}, elle correspond à {count} communes",
        "{spelling} ({code}) is een gemeente van de indeling {old_vintage}; in de indeling "
        "{vintage} zijn het {count} gemeenten",
        "{spelling} ({code}) ist eine Gemeinde der Einteilung {old_vintage}; in der "
        "Einteilung {vintage} sind es {count} Gemeinden",
    ),
    "unknown_code_note": (
        "aucune commune n'a le code {code} dans aucun découpage",
        "geen enkele gemeente heeft code {code} in enige indeling",
        "keine Gemeinde hat die Kennziffer {code} in irgendeiner Einteilung",
    ),
    "status_own_cell": ("cellule propre", "eigen LIVC", "eigene Zelle"),
    "status_shared_cell": ("cellule partagée", "gedeelde LIVC", "gemeinsame Zelle"),
    "status_planned": ("en projet", "gepland", "geplant"),
    "status_none": ("pas de cellule", "geen LIVC", "keine Zelle"),
    "status_unknown": ("inconnu", "onbekend", "unbekannt"),
    "partly_covered": (
        "{status}, couverture partielle",
        "{status}, gedeeltelijk gedekt",
        "{status}, teilweise abgedeckt",
    ),
    "part_status": ("{part} : {status}", "{part}: {status}", "{part}: {status}"),
    "list": ("{first} ; {second}", "{first}; {second}", "{first}; {second}"),
}


def _entries(
    kind: str, english: Mapping[str, str], texts: Mapping[str, _Texts]
) -> dict[str, dict[str, str]]:
    missing = set(english) ^ set(texts)
    if missing:
        raise ValueError(f"import {kind}s without both English and translations: {missing}")
    return {
        f"import.{kind}.{code}": {
            "en": english[code],
            "fr": texts[code][0],
            "nl": texts[code][1],
            "de": texts[code][2],
        }
        for code in english
    }


#: ``import.reason.<code>`` / ``import.suggestion.<code>`` / ``import.phrase.<code>`` ->
#: {language: text}; merged into :data:`dashboard.i18n.CATALOGUE`.
IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    **_entries("reason", messages.REASONS, _REASONS),
    **_entries("suggestion", messages.SUGGESTIONS, _SUGGESTIONS),
    **_entries("phrase", messages.PHRASES, _PHRASES),
}
