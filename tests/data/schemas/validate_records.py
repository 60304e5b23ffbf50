#!/usr/bin/python3
"""Validates srcbot's exported advisory records against the kept schemas.

usage: validate_records.py osv|csaf FILE...
Exit 0 when every file is valid; otherwise 1, with one line per problem.
Uses Debian's python3-jsonschema (4.10 in bookworm; newer ones work too).
"""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


CVSS = {
    "https://www.first.org/cvss/cvss-v3.0.json": "cvss-v3.0.json",
    "https://www.first.org/cvss/cvss-v3.1.json": "cvss-v3.1.json",
}


def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    store = {url: load(name) for url, name in CVSS.items()}
    try:  # jsonschema >= 4.18: the referencing library
        import referencing
        import referencing.jsonschema

        resources = [(url, referencing.Resource.from_contents(
            doc, default_specification=referencing.jsonschema.DRAFT7)) for url, doc in store.items()]
        registry = referencing.Registry().with_resources(resources)
        return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    except ImportError:  # Debian bookworm's 4.10
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return cls(schema, resolver=resolver, format_checker=cls.FORMAT_CHECKER)


def schema_errors(v, doc, label):
    out = []
    for e in sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        out.append(f"{label}: {where}: {e.message}")
    return out


def csaf_mandatory(doc):
    """A few of CSAF 2.0's mandatory tests (section 6.1) beyond the schema."""
    out = []
    defined = set()

    def walk(branches):
        for b in branches or []:
            if "product" in b:
                defined.add(b["product"]["product_id"])
            walk(b.get("branches"))

    tree = doc.get("product_tree", {})
    walk(tree.get("branches"))
    for p in tree.get("full_product_names", []):
        defined.add(p["product_id"])
    for i, v in enumerate(doc.get("vulnerabilities", [])):
        refs = [pid for ids in v.get("product_status", {}).values() for pid in ids]
        refs += [pid for s in v.get("scores", []) for pid in s.get("products", [])]
        refs += [pid for r in v.get("remediations", []) for pid in r.get("product_ids", [])]
        for pid in refs:
            if pid not in defined:
                out.append(f"6.1.1: vulnerabilities/{i}: product id {pid} is not defined")
    tracking = doc.get("document", {}).get("tracking", {})
    history = tracking.get("revision_history", [])
    if history and tracking.get("version") != history[-1].get("number"):
        out.append("6.1.16: tracking/version is not the latest revision's number")
    return out


def main(argv):
    if len(argv) < 3 or argv[1] not in ("osv", "csaf"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    kind = argv[1]
    if kind == "osv":
        checks = [validator(load("osv_schema.json"))]
    else:
        checks = [validator(load("csaf_json_schema.json")),
                  validator(load("csaf_security_advisory_profile.json"))]
    problems = []
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        label = os.path.basename(path)
        for v in checks:
            problems += schema_errors(v, doc, label)
        if kind == "csaf":
            problems += [f"{label}: {p}" for p in csaf_mandatory(doc)]
    for p in problems:
        print(p)
    print(f"{len(argv) - 2 - len({p.split(':')[0] for p in problems})} valid, "
          f"{len({p.split(':')[0] for p in problems})} invalid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
