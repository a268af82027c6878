"""Compares StatReturn's findings with the public Python 903 validator's on the same files.

Usage: python bench/crosscheck_903.py FOLDER FINDINGS_CSV COLLECTION_YEAR [--previous DIR] [--la CODE]
  FOLDER           a 903 return's CSV files (e.g. SampleReturns/ssda903/2026-27)
  FINDINGS_CSV     StatReturn's findings.csv for that folder (validated with the same --previous and --la)
  COLLECTION_YEAR  the year the collection ends, as the Python validator expects (2027 for 2026-27)
  --previous DIR   last year's return, given to both
  --la CODE        the council's code, as the Python validator's postcode data has it (default E09000027)
Prints, rule by rule, whether both flag the same children, then the Python rules that crashed
(they would otherwise read as "no findings"). Run it in the venv `make bench` makes
(.venv-bench). Differences are for a person to judge: the public validator has known defects,
and each of our rules' notes says where we read the DfE differently.
"""
import argparse
import collections
import contextlib
import csv
import glob
import importlib
import io
import logging
import warnings

logging.disable(logging.CRITICAL)
warnings.filterwarnings("ignore")
import lac_validator.lac_validator as lac  # noqa: E402
from lac_validator.report import Report  # noqa: E402
from lac_validator.utils import process_uploaded_files  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("findings")
parser.add_argument("year", type=int)
parser.add_argument("--previous")
parser.add_argument("--la", default="E09000027")
args = parser.parse_args()

# The validator hands each rule a shallow copy of the tables, so a rule that fills in blanks
# (365 writes 31/03 into open episodes' DEC) changes what later rules see: copy deeply.
lac.copy_datastore = lambda ds: {k: v if k == "metadata" else v.copy(deep=True) for k, v in ds.items()}

uploads = {"This year": sorted(glob.glob(args.folder + "/*.csv"))}
if args.previous:
    uploads["Prev year"] = sorted(glob.glob(args.previous + "/*.csv"))
registry = importlib.import_module(f"lac_validator.rules.lac{args.year - 1}_{str(args.year)[2:]}").registry
with contextlib.redirect_stdout(io.StringIO()):
    v = lac.LacValidator(metadata={"collectionYear": str(args.year), "localAuthority": args.la},
                         files=process_uploaded_files(uploads), registry=registry, selected_rules=None)
    report = Report(v.ds_results, registry).report
theirs = collections.defaultdict(set)
for _, row in report.iterrows():
    for column in report.columns:
        if column.startswith("ERR_") and row[column] is True:
            theirs[column[4:]].add(row["CHILD"])
ours = collections.defaultdict(set)
for r in csv.DictReader(open(args.findings)):
    ours[r["code"]].add(r["child"])
for code in sorted(set(theirs) | set(ours)):
    t, o = theirs.get(code, set()), ours.get(code, set())
    verdict = "same" if t == o else "python only" if not o else "ours only" if not t else "differ"
    print(f"{code:10} {verdict:12} python {len(t):3}  ours {len(o):3}  e.g. {sorted(t ^ o)[:4]}")
print("python rules that crashed:", " ".join(sorted(map(str, v.fails))) or "none")
