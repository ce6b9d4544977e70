#!/usr/bin/env python3
"""Writes the test files of this folder that are not UTF-8.

The texts are here in UTF-8; each is encoded as the spreadsheet that would have saved it:
- polish-backlog.csv: windows-1250 (Excel "CSV (rozdzielany przecinkami)" with a Polish
  locale: `;` between cells, decimal commas, CRLF);
- russian-backlog.csv: windows-1251 (Excel with a Russian locale: `;`, decimal commas,
  no-break spaces grouping thousands, CRLF);
- excel-unicode.txt: UTF-16LE with a BOM (Excel "Unicode text": tabs between cells,
  CRLF, quotes only around cells holding a tab, a quote or a line break).

Python's cp1250 and cp1251 codecs agree with WHATWG's windows-1250 and windows-1251 on
every character used here. Run from any folder: `python3 tests/data/csv/generate.py`.
The output is deterministic; tests/sheet_files.rs reads the committed bytes.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"

POLISH = [
    "Nr;Tytuł;Klient;Roczny przychód;Koszt (osobodni);Termin;Status;Pewność;Etykiety",
    "PL-1;Zgłoszenia awarii z aplikacji mobilnej;Wodociągi Łódzkie Sp. z o.o.;1 250 000,00 zł;12,5;30.06.2027;in progress;80%;mobilne, zgłoszenia",
    "PL-2;Eksport faktur do Comarch ERP;Przedsiębiorstwo Energetyczne Świętokrzyskie;412 800 zł;8;15.09.2027;Otwarte;75 %;integracje",
    "PL-3;Podpis klienta na tablecie;Gdańskie Usługi Komunalne;98 400,50 zł;3,25;;done;100%;mobilne",
    ";;;;;;;;",
    "PL-4;\"Harmonogram; widok tygodniowy\";Wodociągi Łódzkie Sp. z o.o.;1 250 000,00 zł;21;01.12.2027;planned;50%;\"planowanie; kalendarz\"",
    "PL-5;Żółte oznaczenie zleceń po terminie;Zakład Gospodarki Ciepłowniczej w Końskich;64 000 zł;2;31.02.2027;backlog;;",
]

RUSSIAN = [
    "ID;Название;Клиент;Выручка;Трудоёмкость;Срок;Статус",
    f"RU-1;Офлайн-режим для нарядов;ООО «Сибирская энергия»;1{NBSP}500{NBSP}000 руб.;5,5;15.09.2027;open",
    f"RU-2;Массовое переназначение заявок;АО «Тёплый дом»;2{NBSP}300{NBSP}000,50 р.;3;01.10.2027;in progress",
    "RU-3;\"Подпись клиента; планшет\";МУП «Водоканал»;780 000,00 руб.;2,75;;done",
    f"RU-4;Единый вход (SSO);ПАО «Ёлкинские сети»;12{NBSP}000{NBSP}000 RUB;13;31.12.2027;Новая",
]

EXCEL_UNICODE = [
    "ID\tTitle\tAccount\tEffort\tDeadline\tTags\tNotes",
    "EX-1\tGrößenanpassung der Fotos\tStadtwerke Müllheim GmbH\t3\t2027-04-30\tmobile, photos\tplain",
    'EX-2\t東京ガス向けの日本語UI\t東京ガス株式会社\t8\t2027-06-01\ti18n\t"line one\r\nline two"',
    'EX-3\t🚀 Launch checklist\tΑθήνα Ενέργεια Α.Ε.\t1.5\t\trelease\t"a ""quoted"" word\tand a tab"',
    "EX-4\tRéunion d'équipe (café)\tÉnergie Québec\t0.25\t2027-12-31\t\t=not a formula",
]


def write(name: str, lines: list[str], encoding: str, bom: bytes = b"") -> None:
    text = "\r\n".join(lines) + "\r\n"
    (HERE / name).write_bytes(bom + text.encode(encoding))


write("polish-backlog.csv", POLISH, "cp1250")
write("russian-backlog.csv", RUSSIAN, "cp1251")
write("excel-unicode.txt", EXCEL_UNICODE, "utf-16-le", bom=b"\xff\xfe")
