#!/usr/bin/env python3
"""Writes Tests/Corpus: malformed and hostile inputs, one folder each, and cases.tsv, which says for
each how `statreturn` must end (exit code) and how its message must start. CorpusTests runs them all.

Every input here is synthetic. Run it again after changing a case; the files it writes are committed.
    python3 Tests/Corpus/make-corpus.py
"""
import io, os, shutil, struct, zipfile

def info(name, method=zipfile.ZIP_DEFLATED):
    """A zip entry with a fixed date, so that running this again gives the same bytes."""
    i = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    i.compress_type = method
    return i
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CASES = ROOT / "cases"
cases = []  # (name, exit, expect, args)

def case(name, files, args, exit, expect=""):
    """files: {relative path: bytes or str}; args: the command line after `statreturn`, with OUT for the output folder.
    expect: for exit 2, the start of the one stderr line after 'statreturn: '; otherwise text stdout must contain."""
    folder = CASES / name
    folder.mkdir(parents=True)
    for rel, data in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode() if isinstance(data, str) else data)
    cases.append((name, exit, expect, args))

if CASES.exists():
    shutil.rmtree(CASES)

# --- SSDA903 CSV -------------------------------------------------------------------------------
V903 = "validate ssda903 --year 2026-27"
HEAD = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
HROWS = "C1,M,23/08/2023,WBRI,UN1,,\r\nC2,F,20/11/2023,WBRI,UN1,0,\r\n"
EPIS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
EROWS = "C1,26/09/2025,L,C2,N1,U6,PR1,,,,LS9 8,WF10 4,XXXXXXX\r\nC2,28/03/2026,P,C2,N1,U6,PR1,,,,LS11 5,WF10 4,XXXXXXX\r\n"
GOOD = {"header.csv": HEAD + HROWS, "episodes.csv": EPIS + EROWS}

def c903(name, files, exit, expect="", extra=""):
    # A 903 cannot be checked without its Episodes (exit 2 says so): cases about something else give them.
    if exit != 2 and "episodes.csv" not in files:
        files = dict(files, **{"episodes.csv": EPIS + (EROWS if "C2," in str(files) else EROWS.splitlines(True)[0])})
    case(name, files, f"{V903} {' '.join(files)} {extra} --out OUT".replace("  ", " "), exit, expect)

c903("csv-good-two-tables", GOOD, 0, "Episodes: 2 records")
c903("csv-empty-file", {"header.csv": ""}, 2, "header.csv:1: the file is empty")
c903("csv-bom-only", {"header.csv": b"\xef\xbb\xbf"}, 2, "header.csv:1: the file is empty")
c903("csv-blank-lines-only", {"header.csv": "\r\n\r\n  \r\n"}, 2, "header.csv:1: the file is empty")
c903("csv-header-only-every-table", {"header.csv": HEAD, "episodes.csv": EPIS}, 1, "SR05")
c903("csv-header-only-header", {"header.csv": HEAD}, 1, "SR05")
case("csv-no-episodes-table", {"header.csv": HEAD + HROWS}, f"{V903} header.csv --out OUT", 2, "header.csv: none of the files is the Episodes table")
case("csv-cin-file-given-to-903", {"ci.csv": "LAchildID,UPN,FormerUPN,UPNunknown,PersonBirthDate,ExpectedPersonBirthDate,Sex,PersonDeathDate\r\n"}, f"{V903} ci.csv --out OUT", 2, "ci.csv:1: header row matches none of this return's tables (Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes, Providers, Postcodes, DoLo): LAchildID,UPN,FormerUPN,UPNunknown,PersonBirthDate,ExpectedPersonBirthDate,Sex,PersonDeathDate: it looks like the Children in need census")
case("folder-with-unreadable-files", {"in/header.csv": HEAD + HROWS, "in/episodes.csv": EPIS + EROWS, "in/notes.txt": "x", "in/~$book.xlsx": "x", "in/sub/x.csv": "x"}, f"{V903} in --out OUT", 0, "warning: in/notes.txt: not read: not a .csv")
case("folder-with-xls", {"in/header.csv": HEAD + HROWS, "in/episodes.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}, f"{V903} in --out OUT", 2, "in/episodes.xls: is an old Excel workbook (.xls)")
case("folder-two-files-one-table", {"in/header.csv": HEAD + HROWS, "in/episodes.csv": EPIS + EROWS, "in/episodes (1).csv": EPIS + EROWS.splitlines(True)[0]}, f"{V903} in --out OUT", 1, "warning: Episodes is read from 2 files (in/episodes (1).csv, in/episodes.csv); check they are not two copies of one: 1 record is in more than one")
c903("csv-unknown-header", {"x.csv": "NAME,AGE\r\nA,3\r\n"}, 2, "x.csv:1: header row matches none")
c903("csv-tab-separated", {"header.csv": (HEAD + HROWS).replace(",", "\t")}, 2, "header.csv:1: the columns are separated by tabs")
c903("csv-semicolon-separated", {"header.csv": (HEAD + HROWS).replace(",", ";")}, 2, "header.csv:1: the columns are separated by semicolons")
c903("csv-utf16le-bom", {"header.csv": b"\xff\xfe" + (HEAD + HROWS).encode("utf-16-le")}, 2, "header.csv: is UTF-16")
c903("csv-utf16be-bom", {"header.csv": b"\xfe\xff" + (HEAD + HROWS).encode("utf-16-be")}, 2, "header.csv: is UTF-16")
c903("csv-utf16le-no-bom", {"header.csv": (HEAD + HROWS).encode("utf-16-le")}, 2, "header.csv: is UTF-16")
c903("csv-utf32-bom", {"header.csv": b"\xff\xfe\x00\x00" + (HEAD + HROWS).encode("utf-32-le")}, 2, "header.csv: is UTF-32")
c903("csv-invalid-utf8", {"header.csv": (HEAD + "C1,M,23/08/2019,WBRI,UN1,,\r\n").encode() + b"C\xe92,F,20/11/2008,WBRI,UN1,0,\r\n"}, 2, "header.csv:3: cell 1 is not UTF-8")
c903("csv-invalid-utf8-truncated-sequence", {"header.csv": HEAD.encode() + b"C1,M,23/08/2019,WBRI,UN1,,\xe2\x82\r\n"}, 2, "header.csv:2: cell 7 is not UTF-8")
c903("csv-overlong-utf8", {"header.csv": HEAD.encode() + b"C\xc0\xaf1,M,23/08/2019,WBRI,UN1,,\r\n"}, 2, "header.csv:2: cell 1 is not UTF-8")
c903("csv-windows-1252-with-option", {"header.csv": HEAD.encode() + "C1,M,23/08/2019,WBRI,UN1,,\r\nC\u00e92,F,20/11/2008,WBRI,UN1,0,\r\n".encode("cp1252")}, 1, "normalised 1 value", "--encoding windows-1252")
c903("csv-unclosed-quote", {"header.csv": HEAD + 'C1,M,"23/08/2019,WBRI,UN1,,\r\n'}, 2, "header.csv:2: a quoted cell is never closed")
c903("csv-text-after-closing-quote", {"header.csv": HEAD + '"C1000"01,M,23/08/2019,WBRI,UN1,,\r\n'}, 2, "header.csv:2: text follows the closing quote of cell 1")
c903("csv-text-after-closing-quote-last-cell", {"header.csv": HEAD + 'C1,M,23/08/2019,WBRI,UN1,,"x"y\r\n'}, 2, "header.csv:2: text follows the closing quote of cell 7")
c903("csv-quote-then-spaces-ok", {"header.csv": HEAD + '"C1"  ,M,23/08/2023,WBRI,UN1,,\r\n'}, 0, "Header: 1 record")
c903("csv-too-many-cells", {"header.csv": HEAD + "C1,M,23/08/2019,WBRI,UN1,,,x\r\n"}, 2, "header.csv:2: the record has 8 cells but the header has 7")
c903("csv-too-few-cells", {"header.csv": HEAD + "C1,M,23/08/2019\r\n"}, 2, "header.csv:2: the record has 3 cells but the header has 7")
c903("csv-duplicate-column", {"header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX\r\nC1,M,23/08/2019,WBRI,UN1,,,M\r\n"}, 2, "header.csv:1 (SEX): column SEX appears twice")
c903("csv-missing-column", {"header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\r\nC1,M,23/08/2019,WBRI,UN1,\r\n"}, 2, "header.csv:1 (MC_DOB): looks like the Header table but has no column MC_DOB")
extra_cols = ",".join(f"LOCAL_{i}" for i in range(30))
c903("csv-thirty-extra-columns", {"header.csv": HEAD.strip() + "," + extra_cols + "\r\n" + "C1,M,23/08/2023,WBRI,UN1,,," + ",".join("v" for _ in range(30)) + "\r\n"}, 0, "warning: header.csv: 30 columns not in the Header table were ignored")
many = ",".join(f"COLUMN_NUMBER_{i}" for i in range(2000))
c903("csv-unrecognised-2000-columns", {"x.csv": many + "\r\n"}, 2, "x.csv:1: header row matches none of this return's tables")
c903("csv-lowercase-spaced-header", {"header.csv": " child , sex ,dob,ethnic,upn,mother,mc_dob\r\n" + HROWS}, 0, "Header: 2 records")
c903("csv-lf-only", {"header.csv": (HEAD + HROWS).replace("\r\n", "\n")}, 0, "Header: 2 records")
c903("csv-cr-only", {"header.csv": (HEAD + HROWS).replace("\r\n", "\r")}, 0, "Header: 2 records")
c903("csv-no-final-newline", {"header.csv": (HEAD + HROWS).rstrip()}, 0, "Header: 2 records")
c903("csv-quoted-newline-in-cell", {"header.csv": HEAD + '"C\r\n1",M,23/08/2019,WBRI,UN1,,\r\n'}, 1, "SR01")
c903("csv-nul-byte-early", {"header.csv": b"CHILD\x00,SEX\r\n"}, 2, "header.csv: is UTF-16 text (or binary)")
c903("csv-binary-garbage", {"header.csv": bytes(range(256)) * 4}, 2, "header.csv: is UTF-16 text (or binary)")
c903("csv-ansi-escape-in-cell", {"header.csv": HEAD + "C1\x1b[31m,M,23/08/2019,WBRI,UN1,,\r\n"}, 1, "SR01")
c903("csv-ansi-escape-in-unknown-header", {"x.csv": "NAME\x1b[2J,AGE\r\nA,3\r\n"}, 2, "x.csv:1: header row matches none of this return's tables (Header")
c903("csv-formula-child-id", {"header.csv": HEAD + "=HYPERLINK(\"http://x\"),M,23/08/2019,WBRI,UN1,,\r\n"}, 1, "SR01")
c903("csv-huge-cell", {"header.csv": HEAD + "C1,M,23/08/2019,WBRI," + "U" * 1_000_000 + ",,\r\n"}, 1, "168")
c903("csv-dates-impossible", {"header.csv": HEAD + "C1,M,31/02/2019,WBRI,UN1,,\r\nC2,M,2019-13-01,WBRI,UN1,,\r\nC3,M,00/00/0000,WBRI,UN1,,\r\nC4,M,99999999,WBRI,UN1,,\r\n"}, 1, "error")
c903("csv-integer-overflow", {"header.csv": HEAD + HROWS, "episodes.csv": EPIS + EROWS, "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\r\nC1,23/08/2023,M,01/05/2026,99999999999999999999999\r\n"}, 1, "Missing: 1 record")
c903("csv-only-spaces-cells", {"header.csv": HEAD + " , , , , , , \r\n"}, 1, "SR05")
c903("csv-xls-named-csv", {"header.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504}, 2, "header.csv: is an old Excel workbook (.xls)")
c903("csv-xls-file", {"episodes.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "header.csv": HEAD + HROWS}, 2, "episodes.xls: is an old Excel workbook (.xls)")
c903("csv-same-file-twice", {"header.csv": HEAD + HROWS}, 2, "header.csv: is given twice", "header.csv")
c903("csv-same-bytes-twice", {"header.csv": HEAD + HROWS, "copy.csv": HEAD + HROWS}, 2, "copy.csv: has exactly the same contents as header.csv")
case("csv-providers-not-a-providers-list", {"header.csv": HEAD + HROWS, "p.csv": "CHILD,SEX\r\n1,M\r\n"}, f"{V903} header.csv --providers p.csv --out OUT", 2, "p.csv:1: header row matches none of this return's tables (Providers)")
c903("csv-providers-given-episodes", {"header.csv": HEAD + HROWS, "episodes.csv": EPIS + EROWS}, 2, "episodes.csv: is given twice", "--providers episodes.csv")
case("csv-postcodes-missing-column", {"header.csv": HEAD + HROWS, "pc.csv": "POSTCODE,LA_CODE,EASTING\r\nLS9 8AA,316,1\r\n"}, f"{V903} header.csv --postcodes pc.csv --out OUT", 2, "pc.csv:1 (NORTHING): looks like the Postcodes table but has no column NORTHING")

# --- files and folders -------------------------------------------------------------------------
case("folder-empty", {"in/.keep": ""}, f"{V903} in --out OUT", 2, "in: the folder has no .csv, .xml, .xlsx or .zip files")
case("path-missing", {"x.txt": ""}, f"{V903} nothere.csv --out OUT", 2, "nothere.csv: no such file or folder")
case("out-is-input-folder", {"in/header.csv": HEAD + HROWS}, f"{V903} in --out in", 2, "in: is an input (in)")
case("out-inside-input-folder", {"in/header.csv": HEAD + HROWS}, f"{V903} in --out in/reports", 2, "in/reports: is inside the input folder in")
case("out-via-dotdot-is-input", {"in/header.csv": HEAD + HROWS, "in/sub/.keep": ""}, f"{V903} in --out in/sub/..", 2, "in/sub/..: is an input (in)")
case("out-is-a-file", dict(GOOD, **{"report.txt": "x"}), f"{V903} header.csv episodes.csv --out report.txt", 2, "report.txt: is a file, not a folder")
case("out-report-would-overwrite-input", {"findings.csv": HEAD + HROWS, "episodes.csv": EPIS + EROWS}, f"{V903} findings.csv episodes.csv --out .", 2, "./findings.csv: is an input; it would be overwritten")
case("out-unwritable", GOOD, f"{V903} header.csv episodes.csv --out /proc/statreturn-out", 2, "/proc/statreturn-out: the folder cannot be made")
case("export-out-is-input-folder", {"in/header.csv": HEAD + HROWS, "in/episodes.csv": EPIS + EROWS}, "export ssda903 --year 2026-27 in --out in --draft", 2, "in: is an input (in)")
case("export-cin-out-is-input-file", {"cin.xml": "<Message/>"}, "export cin --year 2025-26 cin.xml --out cin.xml --lea 999", 2, "cin.xml: is an input (cin.xml)")

# --- options -----------------------------------------------------------------------------------
case("opt-unknown-return", {"header.csv": HEAD}, "validate nosuch --year 2026-27 header.csv", 2, "unknown return 'nosuch'")
case("opt-unknown-year", {"header.csv": HEAD}, "validate ssda903 --year 1999-00 header.csv", 2, "ssda903 has no year '1999-00'")
case("opt-unknown-input-name", GOOD, f"{V903} header.csv --input provider=header.csv", 2, "--input provider: SSDA903 children looked after 2026-27 takes no input 'provider' (it takes: previous, providers, postcodes, ssd)")
case("opt-input-not-a-pair", GOOD, f"{V903} header.csv --input providers", 2, "--input: 'providers' is not NAME=VALUE")
case("opt-unknown-param", GOOD, f"{V903} header.csv --param la=316", 2, "--param la: SSDA903 children looked after 2026-27 takes no value 'la'")
case("opt-param-wrong-form", GOOD, f"{V903} header.csv --la 31", 2, "--param la_code: '31' is not in the form it takes")
case("opt-param-twice", GOOD, f"{V903} header.csv --param la_code=316 --param la_code=317", 2, "--param la_code: given twice")
case("opt-list-given-twice", {"header.csv": HEAD + HROWS, "p1.csv": "URN,PLACE_CODES,PROVIDER_CODES,REG_DATE,REG_END,POSTCODE,LA_CODE\r\n1,U1,PR1,,,,316\r\n", "p2.csv": "URN,PLACE_CODES,PROVIDER_CODES,REG_DATE,REG_END,POSTCODE,LA_CODE\r\n2,U1,PR1,,,,316\r\n"}, f"{V903} header.csv --providers p1.csv --input providers=p2.csv", 2, "p2.csv: a second file for the providers list")
case("opt-alias-missing-value", GOOD, f"{V903} header.csv --providers", 2, "--input providers: is given no value")
case("opt-workers-zero", GOOD, f"{V903} header.csv episodes.csv --workers 0", 0, "Episodes: 2 records")
case("opt-workers-huge", GOOD, f"{V903} header.csv episodes.csv --workers 100000", 0, "Episodes: 2 records")
case("opt-workers-not-a-number", GOOD, f"{V903} header.csv --workers many", 2, "The value 'many' is invalid for '--workers <workers>' (see --help)")
case("opt-no-inputs", {"x.txt": ""}, f"{V903}", 2, "give at least one file or folder of the return (see --help)")
case("opt-bad-encoding", GOOD, f"{V903} header.csv --encoding latin9", 2, "The value 'latin9' is invalid for '--encoding")
case("opt-unknown-option", GOOD, f"{V903} header.csv --bogus", 2, "Unknown option '--bogus'")
case("opt-providers-missing-file", GOOD, f"{V903} header.csv --providers nothere.csv", 2, "nothere.csv: no such file or folder")
case("opt-owners-missing-file", GOOD, f"{V903} header.csv --owners nothere.csv", 2, "nothere.csv: no such file")

# --- owners ------------------------------------------------------------------------------------
def owners(name, text, exit, expect):
    case(name, dict(GOOD, **{"owners.csv": text}), f"{V903} header.csv episodes.csv --owners owners.csv --out OUT", exit, expect)
owners("owners-good", "child,team,worker\r\nC1,North,W1\r\n", 0, "Episodes: 2 records")
owners("owners-empty", "", 2, "owners.csv:1: the owners list is empty")
owners("owners-missing-column", "child,worker\r\nC1,W1\r\n", 2, "owners.csv:1 (team): an owners list needs the columns child and team")
owners("owners-team-only", "child,team\r\nC1,North\r\n", 0, "Episodes: 2 records")
owners("owners-unclosed-quote", 'child,team,worker\r\nC1,"North,W1\r\n', 2, "owners.csv:2: a quoted cell is never closed")
owners("owners-invalid-utf8", b"child,team,worker\r\nC1,Children\x92s,W1\r\n", 2, "owners.csv:2: cell 2 is not UTF-8")
owners("owners-short-row", "child,team,worker\r\nC1,North\r\n", 2, "owners.csv:2: the row has 2 cells; the first row has 3")
owners("owners-conflicting-twice", "child,team,worker\r\nC1,North,W1\r\nC1,South,W2\r\n", 0, "warning: owners.csv: child C1 is listed on line 2 and again on line 3 with another owner")
owners("owners-utf16", b"\xff\xfe" + "child,team,worker\r\n".encode("utf-16-le"), 2, "owners.csv: is UTF-16")

# --- SSDA903 XML -------------------------------------------------------------------------------
def x903(children):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n' + children + '</EXPSSDA903>\n'
CHILD = ("<CHILD>\n<HEADER>\n<CHILDID>C1</CHILDID>\n<UPN>UN1</UPN>\n<SEX>M</SEX>\n<DOB>23/08/2019</DOB>\n<ETHNIC>WBRI</ETHNIC>\n"
         "</HEADER>\n<EPISODE>\n<DECOM>26/09/2025</DECOM>\n<RNE>L</RNE>\n<LS>C2</LS>\n<CIN>N1</CIN>\n<PL>U6</PL>\n"
         "<PL_POST>LS9 8</PL_POST>\n<HOME_POST>LS9 8</HOME_POST>\n<PLACE_PROVIDER>PR1</PLACE_PROVIDER>\n<DEC></DEC>\n<REC></REC>\n</EPISODE>\n</CHILD>\n")
def xml903(name, text, exit, expect):
    case(name, {"return.xml": text}, f"{V903} return.xml --out OUT", exit, expect)

GOOD903 = x903(CHILD + CHILD.replace("C1<", "C2<"))
xml903("x903-good", GOOD903, 1, "Episodes: 2 records")
xml903("x903-empty-root", "<EXPSSDA903/>", 1, "SR05")
xml903("x903-root-only", x903(""), 1, "SR05")
xml903("x903-wrong-root", "<Message/>", 2, "return.xml:1: the root element is <Message>, not <EXPSSDA903>")
xml903("x903-mismatched-tag", x903(CHILD.replace("</HEADER>", "</HEADR>")), 2, "return.xml:10: not well-formed XML: Opening and ending tag mismatch")
for cut in (40, 120, 300, len(GOOD903) - 20, len(GOOD903) - 3):
    xml903(f"x903-truncated-at-{cut}", GOOD903[:cut], 2, "return.xml:")
xml903("x903-junk-after-root", GOOD903 + "<EXPSSDA903/>\n", 2, "return.xml:")
xml903("x903-misspelt-child", x903(CHILD.replace("<CHILD>", "<CHlLD>").replace("</CHILD>", "</CHlLD>")), 2, "return.xml:3: element <CHlLD> is not part of EXPSSDA903 and holds other elements")
xml903("x903-misspelt-episode", x903(CHILD.replace("EPISODE>", "EPlSODE>")), 2, "return.xml:11: element <EPlSODE> is not part of EXPSSDA903 and holds other elements")
xml903("x903-unknown-leaf-warned", x903(CHILD.replace("<SEX>", "<NICKNAME>x</NICKNAME><SEX>")), 1, "element CHILD/HEADER/NICKNAME is not part of the return")
xml903("x903-duplicate-childid", x903(CHILD.replace("<UPN>", "<CHILDID>C9</CHILDID><UPN>")), 2, "return.xml:6 (CHILD): element <CHILDID> is given twice")
xml903("x903-duplicate-header", x903(CHILD.replace("</HEADER>\n", "</HEADER>\n<HEADER><CHILDID>C7</CHILDID></HEADER>\n")), 2, "return.xml:11 (CHILD): element <CHILDID> is given twice")
xml903("x903-duplicate-decom", x903(CHILD.replace("<RNE>", "<DECOM>01/01/2026</DECOM><RNE>")), 2, "return.xml:13 (DECOM): element <DECOM> is given twice")
xml903("x903-internal-entity", '<?xml version="1.0"?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY id "C1">]>\n' + x903(CHILD.replace(">C1<", ">&id;<")).split("\n", 1)[1], 2, "return.xml:2: the file has a DOCTYPE declaration")
xml903("x903-external-entity", '<?xml version="1.0"?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY id SYSTEM "file:///etc/hostname">]>\n' + x903(CHILD.replace(">C1<", ">&id;<")).split("\n", 1)[1], 2, "return.xml:2: the file has a DOCTYPE declaration")
laughs = '<!DOCTYPE EXPSSDA903 [<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {chr(98+i)} "' + f"&{chr(97+i)};" * 10 + '">' for i in range(9)) + ']>\n'
xml903("x903-billion-laughs", '<?xml version="1.0"?>\n' + laughs + "<EXPSSDA903><CHILD><HEADER><CHILDID>&j;</CHILDID></HEADER></CHILD></EXPSSDA903>\n", 2, "return.xml:")
xml903("x903-entity-loop", '<?xml version="1.0"?>\n<!DOCTYPE EXPSSDA903 [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<EXPSSDA903>&a;</EXPSSDA903>\n', 2, "return.xml:")
xml903("x903-nesting-300", "<EXPSSDA903>" + "<CHILD>" * 300 + "</CHILD>" * 300 + "</EXPSSDA903>", 2, "return.xml:1: element <CHILD> is not part of EXPSSDA903 and holds other elements")
xml903("x903-nesting-300-unknown", "<EXPSSDA903><CHILD><HEADER>" + "<X>" * 300 + "</X>" * 300 + "</HEADER></CHILD></EXPSSDA903>", 2, "return.xml:1: element <X> is not part of EXPSSDA903")
xml903("x903-invalid-utf8", x903(CHILD).encode().replace(b">C1<", b">C\xff1<"), 2, "return.xml:5: not well-formed XML")
xml903("x903-utf16", b"\xff\xfe" + x903(CHILD).replace("UTF-8", "UTF-16").encode("utf-16-le"), 2, "return.xml: is UTF-16")
xml903("x903-cdata-values", x903(CHILD.replace(">C1<", "><![CDATA[C1]]><")), 1, "Episodes: 1 record")
xml903("x903-comments-and-pi", x903("<!-- a comment -->\n<?pi data?>\n" + CHILD), 1, "Episodes: 1 record")
xml903("x903-control-char-in-value", x903(CHILD.replace(">C1<", ">C1&#x1b;[2J<")), 2, "return.xml:5: not well-formed XML")
xml903("x903-namespace-prefix", x903(CHILD).replace("<EXPSSDA903>", '<EXPSSDA903 xmlns:q="urn:x">'), 1, "Episodes: 1 record")

# --- CIN census XML ----------------------------------------------------------------------------
VCIN = "validate cin --year 2025-26"
CINHEAD = ("<Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>"
           "<Source><SourceLevel>L</SourceLevel><LEA>999</LEA><SoftwareCode>X</SoftwareCode><Release>1</Release><SerialNo>001</SerialNo>"
           "<DateTime>2026-04-01T00:00:00</DateTime></Source></Header>\n")
CINCHILD = ("<Child>\n<ChildIdentifiers><LAchildID>C1</LAchildID><UPNunknown>UN1</UPNunknown><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>\n"
            "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>\n"
            "<CINdetails><CINreferralDate>2025-06-23</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>0</ReferralNFA></CINdetails>\n"
            "</Child>\n")
def cin(children, head=CINHEAD):
    return '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n' + head + "<Children>\n" + children + "</Children>\n</Message>\n"
def xcin(name, text, exit, expect):
    case(name, {"cin.xml": text}, f"{VCIN} cin.xml --out OUT", exit, expect)
GOODCIN = cin(CINCHILD + CINCHILD.replace(">C1<", ">C2<"))
xcin("cin-good", GOODCIN, 0, "CINdetails: 2 records")
xcin("cin-header-unclosed", "<Message><Header></Message>\n", 2, "cin.xml:1: not well-formed XML: Opening and ending tag mismatch")
xcin("cin-empty-message", "<Message/>", 1, "SR04")
xcin("cin-children-empty", cin(""), 1, "SR04")
xcin("cin-no-children-element", '<?xml version="1.0"?>\n<Message>\n' + CINHEAD + "</Message>\n", 1, "SR04")
xcin("cin-wrong-root", "<EXPSSDA903/>", 2, "cin.xml:1: the root element is <EXPSSDA903>, not <Message>")
for cut in (30, 200, 500, 900, len(GOODCIN) - 30, len(GOODCIN) - 2):
    xcin(f"cin-truncated-at-{cut}", GOODCIN[:cut], 2, "cin.xml:")
xcin("cin-mismatched-child", cin(CINCHILD.replace("</Child>", "</Chld>")), 2, "cin.xml:9: not well-formed XML: Opening and ending tag mismatch")
xcin("cin-misspelt-child", cin(CINCHILD.replace("Child>", "Chlld>")), 2, "cin.xml:5: element <Chlld> is not part of Message and holds other elements")
xcin("cin-misspelt-cindetails", cin(CINCHILD.replace("CINdetails>", "CINdetail>")), 2, "cin.xml:8: element <CINdetail> is not part of Message and holds other elements")
xcin("cin-duplicate-lachildid", cin(CINCHILD.replace("<UPNunknown>", "<LAchildID>C9</LAchildID><UPNunknown>")), 2, "cin.xml:6 (LAchildID): element <LAchildID> is given twice")
xcin("cin-duplicate-header", cin(CINCHILD, head=CINHEAD + CINHEAD), 2, "cin.xml:4 (Collection): element <Collection> is given twice")
xcin("cin-entity-loop", '<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<Message>&a;</Message>\n', 2, "cin.xml:")
xcin("cin-internal-entity", '<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY id "C1">]>\n' + cin(CINCHILD.replace(">C1<", ">&id;<")).split("\n", 1)[1], 2, "cin.xml:2: the file has a DOCTYPE declaration")
xcin("cin-external-dtd", '<?xml version="1.0"?>\n<!DOCTYPE Message SYSTEM "http://example.invalid/x.dtd">\n' + cin(CINCHILD).split("\n", 1)[1], 2, "cin.xml:2: the file has a DOCTYPE declaration")
xcin("cin-billion-laughs", '<?xml version="1.0"?>\n' + laughs.replace("EXPSSDA903", "Message") + "<Message>&j;</Message>\n", 2, "cin.xml:")
xcin("cin-nesting-300", "<Message>" + "<Children>" * 300 + "</Children>" * 300 + "</Message>", 2, "cin.xml:1: element <Children> is not part of Message")
xcin("cin-nesting-300-unknown", "<Message>" + "<Q>" * 300 + "</Q>" * 300 + "</Message>", 2, "cin.xml:1: element <Q> is not part of Message and holds other elements")
xcin("cin-invalid-utf8", cin(CINCHILD).encode().replace(b">C1<", b">C\xc31<"), 2, "cin.xml:6: not well-formed XML")
xcin("cin-utf16", b"\xff\xfe" + cin(CINCHILD).replace("UTF-8", "UTF-16").encode("utf-16-le"), 2, "cin.xml: is UTF-16")
xcin("cin-utf16-no-bom", cin(CINCHILD).replace("UTF-8", "UTF-16").encode("utf-16-be"), 2, "cin.xml: is UTF-16")
xcin("cin-element-out-of-order", cin(CINCHILD.replace("<LAchildID>C1</LAchildID><UPNunknown>UN1</UPNunknown>", "<UPNunknown>UN1</UPNunknown><LAchildID>C1</LAchildID>")), 1, "SR04")
xcin("cin-bad-date-value", cin(CINCHILD.replace("2015-01-01", "2015-02-30")), 1, "error")
xcin("cin-unknown-leaf", cin(CINCHILD.replace("<Sex>", "<Nickname>x</Nickname><Sex>")), 1, "SR04")
xcin("cin-empty-file", "", 2, "cin.xml:1: the file is empty")
xcin("cin-whitespace-only", "   \n\n", 2, "cin.xml:1: the file is empty")
xcin("cin-xml-declaration-only", '<?xml version="1.0"?>\n', 2, "cin.xml:")
xcin("cin-text-not-xml", "Message,Header\n1,2\n", 2, "cin.xml:1: header row matches none")
xcin("cin-two-roots", GOODCIN + "<Message/>", 2, "cin.xml:")
xcin("cin-control-char-ref", cin(CINCHILD.replace(">C1<", ">C1&#x7;<")), 2, "cin.xml:6: not well-formed XML")

# --- CIN census as CSV tables -------------------------------------------------------------------
CI = "LAchildID,UPN,FormerUPN,UPNunknown,PersonBirthDate,ExpectedPersonBirthDate,Sex,PersonDeathDate\r\n"
def ccsv(name, files, exit, expect):
    case(name, files, f"{VCIN} {' '.join(files)} --out OUT", exit, expect)
ccsv("cin-csv-identifiers-only", {"childidentifiers.csv": CI + "C1,,,UN1,2015-01-01,,F,\r\n"}, 0, "ChildIdentifiers: 1 record")
ccsv("cin-csv-header-only", {"childidentifiers.csv": CI}, 1, "SR05")
ccsv("cin-csv-a-903-file", {"header.csv": HEAD + HROWS}, 2, "header.csv:1: header row matches none of this return's tables")
ccsv("cin-csv-extra-columns", {"childidentifiers.csv": CI.strip() + ",Mosaic_ID,Team,Worker,Locality,Notes,Flag,Other,More\r\nC1,,,UN1,2015-01-01,,F,,1,A,B,C,D,E,F,G\r\n"}, 0, "8 columns not in the ChildIdentifiers table were ignored")
ccsv("cin-csv-invalid-utf8", {"childidentifiers.csv": CI.encode() + b"C1,,,UN1,2015-01-01,,\xa3,\r\n"}, 2, "childidentifiers.csv:2: cell 7 is not UTF-8")

# --- Excel workbooks ---------------------------------------------------------------------------
def xlsx(rows, shared=None, styles=None, sheet_xml=None, extra=None, drop=(), compress=zipfile.ZIP_DEFLATED):
    """A workbook whose first sheet has `rows`: each a list of (ref, type, style, value) or plain strings (inline)."""
    if sheet_xml is None:
        body = []
        for r, cells in enumerate(rows, 1):
            cs = []
            for c, cell in enumerate(cells):
                if isinstance(cell, tuple):
                    ref, t, s_, v = cell
                    attrs = (f' r="{ref}"' if ref is not None else "") + (f' t="{t}"' if t else "") + (f' s="{s_}"' if s_ is not None else "")
                    cs.append(f"<c{attrs}><v>{v}</v></c>")
                else:
                    ref = chr(65 + c) + str(r)
                    cs.append(f'<c r="{ref}" t="inlineStr"><is><t>{cell}</t></is></c>')
            body.append(f'<row r="{r}">' + "".join(cs) + "</row>")
        sheet_xml = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(body) + "</sheetData></worksheet>"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/styles.xml": styles or '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(f"<si><t>{s_}</t></si>" for s_ in shared) + "</sst>"
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        for name, text in parts.items():
            if name not in drop:
                z.writestr(info(name, compress), text)
    return buf.getvalue()

HCOLS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
def hrow(r, child="C1", dob=("n", 1, "45162")):
    return [child, "M", (f"C{r}", dob[0], dob[1], dob[2]), "WBRI", "UN1"]
def wb(name, data, exit, expect):
    case(name, {"header.xlsx": data, "episodes.csv": EPIS + EROWS.splitlines(True)[0]}, f"{V903} header.xlsx episodes.csv --out OUT", exit, expect)
wb("xlsx-good-short-rows", xlsx([HCOLS, hrow(2), hrow(3, "C2")]), 0, "Header: 2 records")
wb("xlsx-shared-strings", xlsx([[(chr(65 + i) + "1", "s", None, i) for i in range(7)], [("A2", "s", None, 7), ("B2", "s", None, 8)]], shared=HCOLS + ["C1", "M"]), 1, "102")
wb("xlsx-ref-no-letters", xlsx([HCOLS, [("2", "inlineStr", None, "x")]]), 2, "header.xlsx:2 (2): '2' is not a cell reference")
wb("xlsx-ref-8-letters", xlsx([HCOLS, [("ABCDEFGH2", None, None, "1")]]), 2, "header.xlsx:2 (ABCDEFGH2): 'ABCDEFGH2' is not a cell reference")
wb("xlsx-ref-14-letters", xlsx([HCOLS, [("ABCDEFGHIJKLMN2", None, None, "1")]]), 2, "header.xlsx:2 (ABCDEFGHIJKLMN2): 'ABCDEFGHIJKLMN2' is not a cell reference")
wb("xlsx-ref-beyond-xfd", xlsx([HCOLS, [("XFE2", None, None, "1")]]), 2, "header.xlsx:2 (XFE2): cell XFE2 is beyond Excel's last column")
wb("xlsx-ref-lowercase", xlsx([HCOLS, [("a2", None, None, "1")]]), 2, "header.xlsx:2 (a2): 'a2' is not a cell reference")
wb("xlsx-ref-no-row", xlsx([HCOLS, [("B", None, None, "1")]]), 2, "header.xlsx:2 (B): 'B' is not a cell reference")
wb("xlsx-ref-junk", xlsx([HCOLS, [("A2x", None, None, "1")]]), 2, "header.xlsx:2 (A2x): 'A2x' is not a cell reference")
wb("xlsx-shared-index-minus-one", xlsx([HCOLS, [("A2", "s", None, "-1")]], shared=["C1"]), 2, "header.xlsx:2 (A2): cell A2 points to shared string '-1'")
wb("xlsx-shared-index-out-of-range", xlsx([HCOLS, [("A2", "s", None, "99")]], shared=["C1"]), 2, "header.xlsx:2 (A2): cell A2 points to shared string '99'")
wb("xlsx-shared-index-not-a-number", xlsx([HCOLS, [("A2", "s", None, "one")]], shared=["C1"]), 2, "header.xlsx:2 (A2): cell A2 points to shared string 'one'")
wb("xlsx-shared-index-huge", xlsx([HCOLS, [("A2", "s", None, "99999999999999999999")]], shared=["C1"]), 2, "header.xlsx:2 (A2): cell A2 points to shared string")
wb("xlsx-shared-no-part", xlsx([HCOLS, [("A2", "s", None, "0")]]), 2, "header.xlsx:2 (A2): cell A2 points to shared string '0'")
for label, v in (("nan", "NaN"), ("inf", "inf"), ("minus-inf", "-inf"), ("1e300", "1e300"), ("negative", "-5"), ("after-9999", "2958466"), ("text", "soon")):
    wb(f"xlsx-date-{label}", xlsx([HCOLS, hrow(2, dob=("n", 1, v))]), 2, f"header.xlsx:2 (C2): cell C2 is formatted as a date but holds '{v}'")
wb("xlsx-date-real", xlsx([HCOLS, hrow(2, dob=("n", 1, "45162.75"))]), 0, "Header: 1 record")
wb("xlsx-duplicate-cell", xlsx([HCOLS, ["C1", "M"] + [("B2", "inlineStr", None, "F")]]), 2, "header.xlsx:2 (B2): the sheet gives cell B2 twice")
dup_rows = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1">' + "".join(f'<c r="{chr(65+i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HCOLS)) + '</row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>C1</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>C2</t></is></c></row></sheetData></worksheet>')
wb("xlsx-duplicate-row", xlsx(None, sheet_xml=dup_rows), 2, "header.xlsx:2: the sheet gives row 2 twice")
wb("xlsx-rows-out-of-order", xlsx(None, sheet_xml=dup_rows.replace('<row r="2"><c r="A2" t="inlineStr"><is><t>C2', '<row r="1"><c r="A2" t="inlineStr"><is><t>C2')), 2, "header.xlsx:1: the sheet gives row 1 twice")
wb("xlsx-row-number-junk", xlsx(None, sheet_xml=dup_rows.replace('<row r="2">', '<row r="two">', 1)), 2, "header.xlsx:0: the sheet gives row two twice")
wb("xlsx-empty-sheet", xlsx([]), 2, "header.xlsx:1: the file is empty")
wb("xlsx-no-workbook-part", xlsx([HCOLS], drop=("xl/workbook.xml",)), 2, "header.xlsx: a zip package, but not an Excel workbook")
wb("xlsx-no-rels", xlsx([HCOLS], drop=("xl/_rels/workbook.xml.rels",)), 2, "header.xlsx: the workbook has no worksheet")
wb("xlsx-no-sheet-part", xlsx([HCOLS], drop=("xl/worksheets/sheet1.xml",)), 2, "header.xlsx: the workbook has no part xl/worksheets/sheet1.xml")
wb("xlsx-no-styles", xlsx([HCOLS, hrow(2)], drop=("xl/styles.xml",)), 1, "102")
wb("xlsx-sheet-not-xml", xlsx(None, sheet_xml="this is not xml"), 2, "header.xlsx: the workbook has a part that is not well-formed XML")
wb("xlsx-sheet-truncated", xlsx(None, sheet_xml=dup_rows[:150]), 2, "header.xlsx: the workbook has a part that is not well-formed XML")
wb("xlsx-sheet-doctype", xlsx(None, sheet_xml='<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "C1">]>' + dup_rows.split("?>", 1)[1]), 2, "header.xlsx: the workbook has a part with a DOCTYPE")
wb("xlsx-sheet-billion-laughs", xlsx(None, sheet_xml='<?xml version="1.0"?>' + laughs.replace("EXPSSDA903", "worksheet") + "<worksheet>&j;</worksheet>"), 2, "header.xlsx: the workbook has a part")
wb("xlsx-truncated-zip", xlsx([HCOLS, hrow(2)])[:300], 2, "header.xlsx: a damaged zip package")
def zip_of(name, text):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(info(name), text)
    return buf.getvalue()
# A zip of the return's files, whatever its name, is read part by part, each part named.
wb("xlsx-zip-of-csv", zip_of("header.csv", HEAD + HROWS.splitlines(True)[0]), 0, "Header: 1 record from header.xlsx [header.csv]")
wb("xlsx-stored-not-deflated", xlsx([HCOLS, hrow(2)], compress=zipfile.ZIP_STORED), 0, "Header: 1 record")
def zip_parts(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(info(name), data)
    return buf.getvalue()
def zcase(name, parts, exit, expect, cmd=V903):
    case(name, {"return.zip": zip_parts(parts)}, f"{cmd} return.zip --out OUT", exit, expect)
zcase("zip-903-tables", {"903/header.csv": HEAD + HROWS, "903/episodes.csv": EPIS + EROWS, "__MACOSX/903/._header.csv": "x", "notes.txt": "hi"}, 0,
      "Episodes: 2 records from return.zip [903/episodes.csv]")
zcase("zip-names-parts-not-read", {"header.csv": HEAD + HROWS, "episodes.csv": EPIS + EROWS, "notes.txt": "hi"}, 0,
      "return.zip [notes.txt]: not read: not a .csv, .xml, .xlsx or .zip file")
zcase("zip-nothing-readable", {"notes.txt": "hi", "__MACOSX/._x.csv": "x"}, 2, "return.zip: the zip holds no .csv, .xml or .xlsx file")
zcase("zip-inside-zip", {"inner.zip": zip_of("header.csv", HEAD)}, 2, "return.zip [inner.zip]: is a zip inside the zip")
zcase("zip-part-xls", {"episodes.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 60}, 2, "return.zip [episodes.xls]: is an old Excel workbook (.xls)")
zcase("zip-cin-xml-parts", {"cin/cin.xml": GOODCIN}, 0, "CINdetails: 2 records from return.zip [cin/cin.xml]", cmd=VCIN)
# A zip bomb: a sheet that inflates to 300 MB from a few hundred KB; refused while it is inflated.
def bomb():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        base = xlsx([HCOLS])
        with zipfile.ZipFile(io.BytesIO(base)) as src:
            for n in src.namelist():
                if n != "xl/worksheets/sheet1.xml":
                    z.writestr(info(n), src.read(n))
        with z.open(info("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()
wb("xlsx-zip-bomb", bomb(), 2, "header.xlsx: its part xl/worksheets/sheet1.xml inflates to more than 256 MB")
def lying(data, part=b"xl/worksheets/sheet1.xml", size=1000):
    """The same zip with the part's declared size changed, as a crafted bomb has it: only inflating tells."""
    data = bytearray(data)
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(part)] == part:
                data[i + at:i + at + 4] = struct.pack("<I", size)
            i += 4
    return bytes(data)
def small_bomb():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with zipfile.ZipFile(io.BytesIO(xlsx([HCOLS]))) as src:
            for n in src.namelist():
                z.writestr(info(n), src.read(n) if n != "xl/worksheets/sheet1.xml" else b'<worksheet><sheetData>' + b" " * (300 << 20) + b"</sheetData></worksheet>")
    return lying(buf.getvalue())
wb("xlsx-zip-bomb-lying-size", small_bomb(), 2, "header.xlsx: its part xl/worksheets/sheet1.xml inflates to more than 256 MB")
# Found by make fuzz: a cell after a row's end once overran the row's bookkeeping (a trap).
stray = dup_rows.replace('<row r="2"><c r="A2" t="inlineStr"><is><t>C2</t></is></c></row>', '<c r="G2" t="inlineStr"><is><t>x</t></is></c>')
wb("xlsx-cell-outside-a-row", xlsx(None, sheet_xml=stray), 2, "header.xlsx:2 (G2): the sheet has a cell outside any row")
wb("xlsx-providers-as-header", xlsx([["URN", "PLACE_CODES"], ["1", "U1"]]), 2, "header.xlsx:1 (LA_CODE): looks like the Providers table but has no column LA_CODE")
case("xlsx-providers-list-wrong", {"header.csv": HEAD + HROWS, "p.xlsx": xlsx([HCOLS, hrow(2)])}, f"{V903} header.csv --providers p.xlsx --out OUT", 2, "p.xlsx:1: header row matches none of this return's tables (Providers)")
case("xlsx-owners-given-as-return", {"o.xlsx": xlsx([["child", "team", "worker"], ["C1", "T", "W"]])}, f"{V903} o.xlsx --out OUT", 2, "o.xlsx:1: header row matches none")

# --- write the manifest ------------------------------------------------------------------------
with open(ROOT / "cases.tsv", "w") as f:
    f.write("# name\texit\texpect\targuments (run in the case's folder; OUT is a new folder outside it)\n")
    for name, exit, expect, args in cases:
        assert "\t" not in expect + args and "\n" not in expect + args, name
        f.write(f"{name}\t{exit}\t{expect}\t{args}\n")
print(f"{len(cases)} cases written to {CASES}")
