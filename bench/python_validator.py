"""Runs a public Python validator on a folder of generated return files, for `make bench`.

Usage: python bench/python_validator.py ssda903 FOLDER RULESET
It drives the validator's own library API, as its command line does, and prints the
number of issues it found so the run can be checked as well as timed.
"""
import glob
import importlib
import os
import sys


def run_903(folder, ruleset):
    from lac_validator import lac_validator
    from lac_validator.utils import process_uploaded_files

    files = process_uploaded_files({"This year": sorted(glob.glob(os.path.join(folder, "*.csv")))})
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    v = lac_validator.LacValidator(metadata={"collectionYear": "2026", "localAuthority": "E09000027"},
                                   files=files, registry=registry, selected_rules=None)
    return sum(len(r) for r in v.ds_results.values()) if isinstance(v.ds_results, dict) else len(v.ds_results)


def run_cin(path, ruleset):
    import xml.etree.ElementTree as ET
    from cin_validator import cin_validator

    data = cin_validator.process_data(cin_validator.convert_data(ET.parse(path).getroot()))
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    return len(cin_validator.CinValidator(data, registry, selected_rules=None).full_issue_df)


if __name__ == "__main__":
    kind, target, ruleset = sys.argv[1:4]
    issues = run_903(target, ruleset) if kind == "ssda903" else run_cin(target, ruleset)
    print(f"issues: {issues}")
