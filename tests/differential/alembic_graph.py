#!/usr/bin/python3
"""Answers revision-graph queries with Alembic's own code, for the differential test.

Reads one JSON document on stdin: {"graphs": [{"revisions": [...], "queries": [...]}]}, where a
revision is {"id", "down": [...], "deps": [...], "labels": [...]} in file-name order, and writes
{"answers": [[answer per query] per graph]} on stdout. Queries and answers:

  {"op": "heads"}                          -> {"heads": [...]} (versioned heads, load order)
  {"op": "real_heads"}                     -> {"heads": [...]}
  {"op": "resolve", "id": "x"}             -> {"revisions": [...]} (get_revisions; "base" / null)
  {"op": "upgrade"|"downgrade", "rows": [...], "target": "x"}
  {"op": "stamp", "rows": [...], "targets": [...], "purge": bool}
      -> {"steps": [["up"|"down"|"stamp", rev], ...], "rows": [[sorted rows after each step]]}
  {"op": "history", "lower": "x" | [rows], "upper": "x" | [rows]} -> {"revisions": [...]}
  any failure                              -> {"error": "<exception class>: <message>"}

The graph is built in memory (no files); the steps run through Alembic's HeadMaintainer with the
database writes left out, so the version rows are Alembic's exactly.
"""

import json
import sys
import types
import warnings

from alembic.runtime import migration
from alembic.script import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap


class Rev(Revision):
    def __init__(self, spec):
        down = tuple(spec["down"]) or None
        deps = tuple(spec["deps"]) or None
        labels = tuple(spec["labels"]) or None
        super().__init__(spec["id"], down, dependencies=deps, branch_labels=labels)
        self.module = types.SimpleNamespace(upgrade=lambda: None, downgrade=lambda: None)


class Rows(migration.HeadMaintainer):
    """Alembic's version-row bookkeeping without a database."""

    def __init__(self, heads):
        self.heads = set(heads)

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)

    def _delete_version(self, version):
        self.heads.remove(version)

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)


def pin_dependency_order(rmap):
    """Alembic keeps a revision's normalised dependencies in a set, so with two or more of them its
    walk order changes from one Python process to the next (string hashing). Any such order is
    Alembic's; pin the declared one, the order retort uses."""
    for rev in rmap._revision_map.values():
        if rev is None or len(rev._normalized_resolved_dependencies) < 2:
            continue
        kept = set(rev._normalized_resolved_dependencies)
        rev._normalized_resolved_dependencies = tuple(
            d for d in rev._resolved_dependencies if d in kept)


def name(rev):
    if rev is None:
        return None
    if isinstance(rev, str):
        return rev  # Alembic's "base" marker
    return rev.revision


def run_steps(steps, rows):
    table = Rows(rows)
    out_steps, out_rows = [], []
    for step in steps:
        if isinstance(step, migration.StampStep):
            out_steps.append(["stamp", ""])
        else:
            out_steps.append(["up" if step.is_upgrade else "down", step.revision.revision])
        table.update_to_step(step)
        out_rows.append(sorted(table.heads))
    return {"steps": out_steps, "rows": out_rows}


def answer(script, query):
    rmap = script.revision_map
    op = query["op"]
    if op == "heads":
        return {"heads": list(rmap.heads)}
    if op == "real_heads":
        return {"heads": list(rmap._real_heads)}
    if op == "resolve":
        return {"revisions": [name(r) for r in rmap.get_revisions(query["id"])]}
    if op == "upgrade":
        rows = tuple(query["rows"])
        return run_steps(script._upgrade_revs(query["target"], rows), rows)
    if op == "downgrade":
        rows = tuple(query["rows"])
        return run_steps(script._downgrade_revs(query["target"], rows), rows)
    if op == "stamp":
        rows = () if query["purge"] else tuple(query["rows"])
        return run_steps(script._stamp_revs(tuple(query["targets"]), rows), rows)
    if op == "history":
        def end(value):
            return tuple(value) if isinstance(value, list) else value
        revs = script.walk_revisions(base=end(query["lower"]), head=end(query["upper"]))
        return {"revisions": [r.revision for r in revs]}
    raise ValueError("unknown op " + op)


def main():
    warnings.simplefilter("ignore")
    request = json.load(sys.stdin)
    answers = []
    for graph in request["graphs"]:
        revisions = [Rev(spec) for spec in graph["revisions"]]
        script = ScriptDirectory.__new__(ScriptDirectory)
        script.revision_map = RevisionMap(lambda: revisions)
        pin_dependency_order(script.revision_map)
        per_graph = []
        for query in graph["queries"]:
            try:
                per_graph.append(answer(script, query))
            except Exception as e:  # every failure is an answer: retort must fail too
                per_graph.append({"error": "%s: %s" % (type(e).__name__, e)})
        answers.append(per_graph)
    json.dump({"answers": answers}, sys.stdout)


if __name__ == "__main__":
    main()
