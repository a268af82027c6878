"""Compares StatReturn's findings with the public Python 903 validator's on the same files.

Usage: python bench/crosscheck_903.py FOLDER FINDINGS_CSV COLLECTION_YEAR
  FOLDER         a 903 return's CSV files (e.g. SampleReturns/ssda903/2026-27)
  FINDINGS_CSV   StatReturn's findings.csv for that folder
  COLLECTION_YEAR the year the collection ends, as the Python validator expects (2027 for 2026-27)
Prints, rule by rule, whether both flag the same children. Run it in the venv `make bench`
makes (.venv-bench). Differences are for a person to judge: the public validator has known
defects, and each of our rules' notes says where we read the DfE differently.
"""
import collections
import contextlib
import csv
import glob
import importlib
import io
import logging
import sys
import warnings

logging.disable(logging.CRITICAL)
warnings.filterwarnings("ignore")
from lac_validator import lac_validator  # noqa: E402
from lac_validator.report import Report  # noqa: E402
from lac_validator.utils import process_uploaded_files  # noqa: E402

folder, ours_csv, year = sys.argv[1:4]
files = process_uploaded_files({"This year": sorted(glob.glob(folder + "/*.csv"))})
registry = importlib.import_module("lac_validator.rules.lac2026_27").registry
with contextlib.redirect_stdout(io.StringIO()):
    v = lac_validator.LacValidator(metadata={"collectionYear": year, "localAuthority": "E09000027"},
                                   files=files, registry=registry, selected_rules=None)
    report = Report(v.ds_results, registry).report
theirs = collections.defaultdict(set)
for _, row in report.iterrows():
    for column in report.columns:
        if column.startswith("ERR_") and row[column] is True:
            theirs[column[4:]].add(row["CHILD"])
ours = collections.defaultdict(set)
for r in csv.DictReader(open(ours_csv)):
    ours[r["code"]].add(r["child"])
for code in sorted(set(theirs) | set(ours)):
    t, o = theirs.get(code, set()), ours.get(code, set())
    verdict = "same" if t == o else "python only" if not o else "ours only" if not t else "differ"
    print(f"{code:10} {verdict:12} python {len(t):3}  ours {len(o):3}  e.g. {sorted(t ^ o)[:4]}")
