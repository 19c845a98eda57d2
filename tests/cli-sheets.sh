#!/bin/sh
# cli-sheets.sh -- spreadsheets out and the meeting report, read back by
# real readers: the Excel flavour of CSV by Python's csv module, xlsx by
# openpyxl, the report's HTML rendered by chromium into an A4 PDF whose
# pages pdfinfo counts.  With å/ä/ö, leading zeros and formula-looking
# values.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# A Python that has openpyxl (Debian's python3-openpyxl is for
# /usr/bin/python3, which may not be the first python3 on PATH).
XLPY=
for p in "$PYTHON3" /usr/bin/python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then XLPY=$p; break; fi
done
xl() { # xl SCRIPT ARGS...: run SCRIPT with openpyxl
	tap_py=$1
	shift
	"$XLPY" -c "import openpyxl, sys
$tap_py" "$@"
}

lape demo
status_is 0 "demo"
G="Keravan LAPE-ryhmä"
printf '%s\n' 'Sukunimi;Etunimet;Organisaatio;Puhelin;Sektori' \
	'Åkerström;Märta;=1+2;0401234567;sivistystoimi' \
	'<b>Evil</b> & Co;Ö;@SUM(A1);+358 40 1;nuorisotoimi' >"$T/add.csv"
lape import "$T/add.csv" --group "$G" --apply
status_is 0 "people with formula-looking values imported"

# ---- the Excel flavour of CSV
lape list people --format csv
plain=$OUT
like "$plain" '^id,uuid,name,organisation,email,phone' "plain CSV keeps its keys and commas"
unlike "$plain" "$(printf '\357\273\277')" "plain CSV has no BOM"
like "$plain" ',=1\+2,' "plain CSV is left as it was"

lape --lang fi list people --format csv --excel
status_is 0 "--excel exits 0"
printf '%s' "$OUT" >"$T/excel.csv"
is "$(head -c 3 "$T/excel.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "--excel starts with a UTF-8 BOM"
read_excel() {
	py '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"), delimiter=";"))
head = rows[0]
by = {r[head.index(sys.argv[2])]: r for r in rows[1:]}
r = by[sys.argv[3]]
print(r[head.index(sys.argv[4])])
' "$T/excel.csv" "$@"
}
is "$(py 'import csv,sys; print(next(csv.reader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";"))[2])' "$T/excel.csv")" \
	"Nimi" "headers in the user's language"
is "$(read_excel Nimi "Märta Åkerström" Organisaatio)" "'=1+2" "a formula is neutralised with an apostrophe"
is "$(read_excel Nimi "Märta Åkerström" Puhelin)" '="0401234567"' "a leading zero kept as text with =\"...\""
is "$(read_excel Nimi "Ö <b>Evil</b> & Co" Organisaatio)" "'@SUM(A1)" "@ neutralised"
is "$(read_excel Nimi "Ö <b>Evil</b> & Co" Puhelin)" "'+358 40 1" "+ neutralised"
like "$(tr -d '\r' <"$T/excel.csv" | sed -n 2p)" '^[^,]*;' "fields separated by ';'"
lape --lang fi list municipalities --format csv --excel
printf '%s' "$OUT" >"$T/excel.csv"
is "$(read_excel Suomenkielinen\ nimi Espoo Koodi)" '="049"' "municipality 049 keeps its zero"
lape --lang sv list groups --format csv --excel
printf '%s' "$OUT" >"$T/excel.csv"
is "$(read_excel Namn "$G" Nivå)" "kommun" "values in the user's language (sv level)"

mkdir -p "$HOME/.config/lape"
printf '[lape]\ncsv = excel\n' >"$HOME/.config/lape/lape.ini"
lape list people --format csv
is "$(printf '%s' "$OUT" | head -c 3 | od -An -tx1 | tr -d ' ')" "efbbbf" "csv = excel in lape.ini gives the Excel flavour"
printf '[lape]\ncsv = fancy\n' >"$HOME/.config/lape/lape.ini"
lape list people --format csv
status_is 2 "a bad csv setting is refused"
like "$ERR" "csv: must be excel or plain" "and named"
rm "$HOME/.config/lape/lape.ini"

lape list people --format csv -o "$T/people.csv"
status_is 0 "-o FILE"
is "$(stat -c %a "$T/people.csv")" "600" "the file written is private (0600)"
is "$(cat "$T/people.csv")" "$plain" "-o writes what standard output would get"

# ---- xlsx
if [ -z "$XLPY" ]; then
	skip "xlsx read back" "python3-openpyxl is not installed"
else
	lape list municipalities --format xlsx -o "$T/m.xlsx"
	status_is 0 "list municipalities --format xlsx"
	is "$(stat -c %a "$T/m.xlsx")" "600" "the xlsx is private (0600)"
	is "$(xl '
ws = openpyxl.load_workbook(sys.argv[1]).active
row = [c for c in ws[1]]
code = [r for r in ws.iter_rows(min_row=2) if r[1].value == "Espoo"][0][0]
print(row[0].value, row[0].font.b, ws.freeze_panes, ws.auto_filter.ref is not None, repr(code.value), code.data_type)
' "$T/m.xlsx")" "Code True A2 True '049' s" "bold frozen header, autofilter, code 049 as text"
	is "$(xl '
ws = openpyxl.load_workbook(sys.argv[1]).active
w = ws.column_dimensions["B"].width
print(10 < w < 40)
' "$T/m.xlsx")" "True" "column widths fitted to the content"

	lape --lang fi list groups --format xlsx -o "$T/g.xlsx"
	status_is 0 "list groups --format xlsx"
	is "$(xl '
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
head = [c.value for c in ws[1]]
row = [r for r in ws.iter_rows(min_row=2) if r[head.index("Nimi")].value == sys.argv[2]][0]
d = row[head.index("Valtuutuspäivä")]
print(d.is_date, d.value.date(), row[head.index("Maakunnan koodi")].value, row[head.index("Taso")].value)
print(wb.properties.title, "|", "a.db" in (wb.properties.description or "") or sys.argv[3] in (wb.properties.description or ""), "|", wb.properties.created.date())
' "$T/g.xlsx" "$G" "$LAPE_DB")" "True 2017-02-06 01 kunta
lape list | True | 2017-06-01" "dates as dates, codes as text, Finnish values, file and date in the properties"

	lape list people --format xlsx -o "$T/p.xlsx"
	is "$(xl '
ws = openpyxl.load_workbook(sys.argv[1]).active
for r in ws.iter_rows(min_row=2):
    if r[2].value == "Märta Åkerström":
        print(r[3].value, r[3].data_type, r[5].value)
' "$T/p.xlsx")" "=1+2 s 0401234567" "a formula-looking value is text in xlsx, the phone keeps its zero"

	lape check --format xlsx -o "$T/c.xlsx"
	status_is 1 "check --format xlsx keeps check's exit status (some incomplete)"
	is "$(xl 'print(openpyxl.load_workbook(sys.argv[1]).active.max_row > 5)' "$T/c.xlsx")" \
		"True" "check as xlsx has its rows"
	lape show "$G" --format xlsx -o "$T/s.xlsx"
	status_is 0 "show --format xlsx"
	is "$(xl '
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print(ws["A1"].value.startswith(sys.argv[2]), [c.value for c in ws[3]][:3], wb.sheetnames[1:])
' "$T/s.xlsx" "$G")" "True ['Name', 'Sectors', 'Role'] ['Checklist', 'Warnings']" \
		"show as xlsx: the group, its members and its check"
fi
lape list people --format xlsx
status_is 2 "xlsx without -o is refused"
one_line_error "and says so in one line"
lape list people --format xlsx -o "$T/nodir/x.xlsx"
status_is 2 "an xlsx that cannot be written"
like "$ERR" "^lape: .*nodir/x.xlsx: " "names the file"

# ---- the report as text: 80 columns, a page per group
lape report "$G" "Vantaan LAPE-ryhmä"
status_is 0 "report of two groups"
printf '%s\n' "$OUT" >"$T/r.txt"
is "$(py '
import sys
print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().replace("\f", "").split("\n")))
' "$T/r.txt" | awk '{ print ($1 <= 80) }')" "1" "the text fits 80 columns"
is "$(tr -cd '\f' <"$T/r.txt" | wc -c)" "1" "one form feed: a page per group"
like "$OUT" "Checklist: " "the checklist"
like "$OUT" "✓ education: Sirpa|✓ education:" "who covers a sector"
like "$OUT" "^Data file: $LAPE_DB" "the header names the data file"
like "$OUT" "^Rules: .*rules.ini" "and the rules file"
printf 'Sukunimi;Etunimet;Sektori;Kausi päättyy\nLoppuva;Liisa;nuorisotoimi;31.8.2017\nMyöhempi;Maija;nuorisotoimi;2.9.2017\n' >"$T/soon.csv"
lape import "$T/soon.csv" --group "$G" --apply
lape report "$G"
like "$OUT" "^Terms ending by 2017-09-01" "terms ending within three months (today 2017-06-01)"
like "$OUT" "^  Liisa Loppuva: 2017-08-31" "the member whose term ends"
unlike "$OUT" "^  Maija Myöhempi: " "not one ending later"
lape report --region 01
status_is 0 "report of a region"
like "$OUT" "Municipalities without a group: " "the region summary"
like "$OUT" "Eligible for a change agent: " "eligibility"
lape report "No such group"
status_is 2 "report of no group"
one_line_error "says so in one line"
lape report --format pdf
status_is 2 "an unknown report format"

# ---- the report as HTML, rendered
lape --lang fi report "$G" "Vantaan LAPE-ryhmä" "Uudenmaan LAPE-ryhmä" --format html -o "$T/r.html"
status_is 0 "report --format html -o"
like "$(head -c 200 "$T/r.html")" '<html lang="fi">' "lang is the report's language"
unlike "$(cat "$T/r.html")" "<b>Evil" "names are escaped"
like "$(cat "$T/r.html")" "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" "as text"
unlike "$(cat "$T/r.html")" "(src|href)=" "no external assets"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ] || ! command -v pdfinfo >/dev/null 2>&1; then
	skip "the HTML rendered into A4 pages" "chromium or poppler-utils is not installed"
else
	HOME=$T/home timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --print-to-pdf="$T/r.pdf" "file://$T/r.html" \
		>/dev/null 2>&1
	is "$(pdfinfo "$T/r.pdf" | sed -n 's/^Pages: *//p')" "3" "three groups print on three A4 pages"
	like "$(pdfinfo "$T/r.pdf")" "Page size: *59[45].* x 84[12].*A4" "the pages are A4"
	# the text of the pages with every run of blanks and line breaks as
	# one space: a name wrapped in its cell is still whole
	pdftotext "$T/r.pdf" - | tr -s ' \n' '  ' >"$T/r.pdf.txt"
	missing=
	for name in "Märta Åkerström" "Venla Öhman" "Ö <b>Evil</b> & Co" \
		"Liisa Loppuva"; do
		grep -qF "$name" "$T/r.pdf.txt" || missing="$missing $name"
	done
	is "$missing" "" "every member's name is on the page, nothing cut off"
	missing=
	for name in "Keravan LAPE-ryhmä" "Vantaan LAPE-ryhmä" "Uudenmaan LAPE-ryhmä"; do
		grep -qF "$name" "$T/r.pdf.txt" || missing="$missing $name"
	done
	is "$missing" "" "each group's title is printed"
	# every word inside the page's right margin (14 mm = 40 pt)
	pdftotext -bbox "$T/r.pdf" "$T/r.bbox.html"
	is "$(py '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
width = float(re.search(r"<page width=\"([0-9.]+)\"", s).group(1))
right = max(float(x) for x in re.findall(r"xMax=\"([0-9.]+)\"", s))
print("inside" if right <= width - 30 else "past the margin: %.0f of %.0f" % (right, width))
' "$T/r.bbox.html")" "inside" "no word runs past the right margin"
fi

# ---- the report as xlsx
if [ -n "$XLPY" ]; then
	lape report --region 01 --format xlsx -o "$T/r.xlsx"
	status_is 0 "report --format xlsx"
	is "$(xl '
wb = openpyxl.load_workbook(sys.argv[1])
print(wb.sheetnames[0], "Checklist" in wb.sheetnames, len(wb.sheetnames) > 4)
' "$T/r.xlsx")" "Region True True" "a region sheet, a sheet per group and the checklist"
fi

done_testing
