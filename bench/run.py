#!/usr/bin/python3
"""retort vs Alembic vs the raw engine, on the same work in the same run (SPEC §11).

Generates the workloads, runs every command several times after a warm-up, and prints medians,
peak memory (max RSS) and ratios as a Markdown table. Alembic gets identical workloads: the same
revision ids, the same SQL (through op.execute) and the same kind of database.

    /usr/bin/python3 bench/run.py --retort build-release/cli/retort [--pg-state DIR] [--quick]
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RESULTS = []


def rev_id(i):
    return "%012x" % (i * 7919 + 1000003)


def run_once(cmd, cwd, env=None, before=None):
    """Wall time (s) of one run; `before` prepares state and is not timed."""
    if before:
        before()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit("benchmark command failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd),
                                                                     proc.stderr.decode()))
    return elapsed


def max_rss(cmd, cwd, env=None, before=None):
    """Peak memory (KiB) of one run, measured apart so GNU time's own start-up is not timed. (A
    child's ru_maxrss seen from Python would include the Python process it was forked from.)"""
    if before:
        before()
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd, cwd=cwd, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().strip().splitlines()[-1])


def measure(work, tools, runs):
    """Runs each tool of `tools` [(name, cmd, cwd, env, before, runs_or_None)] in interleaved
    rounds after one warm-up each, so drift in the machine's speed hits all of them alike."""
    for name, cmd, cwd, env, before, _ in tools:
        run_once(cmd, cwd, env, before)
    samples = {t[0]: [] for t in tools}
    for round_ in range(runs):
        for name, cmd, cwd, env, before, limit in tools:
            if limit is None or round_ < limit:
                samples[name].append(run_once(cmd, cwd, env, before))
    for name, cmd, cwd, env, before, _ in tools:
        median = statistics.median(samples[name])
        rss = max_rss(cmd, cwd, env, before)
        RESULTS.append((work, name, median, rss, len(samples[name])))
        print("  %-44s %-18s %9.1f ms  %7d KiB" % (work, name, median * 1000, rss), file=sys.stderr)


# --- project generators ------------------------------------------------------------------------

def retort_project(root, n, url, sql_for):
    os.makedirs(os.path.join(root, "migrations", "versions"))
    with open(os.path.join(root, "retort.toml"), "w") as f:
        f.write('[retort]\nscript_location = "migrations"\nurl = "%s"\n' % url)
    prev = ""
    for i in range(n):
        rid = rev_id(i)
        up, down = sql_for(i)
        with open(os.path.join(root, "migrations", "versions", "%s_m%d.sql" % (rid, i)), "w") as f:
            f.write("-- m%d\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-11-22 10:00:00.000000\n\n"
                    "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n" % (i, rid, prev, up, down))
        prev = rid


def alembic_project(root, n, url, sql_for):
    subprocess.run(["/usr/bin/python3", "-m", "alembic", "init", "alembic"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    ini = os.path.join(root, "alembic.ini")
    with open(ini) as f:
        text = f.read()
    with open(ini, "w") as f:
        f.write(text.replace("driver://user:pass@localhost/dbname", url.replace("%", "%%")))
    versions = os.path.join(root, "alembic", "versions")
    prev = None
    for i in range(n):
        rid = rev_id(i)
        up, down = sql_for(i)
        with open(os.path.join(versions, "%s_m%d.py" % (rid, i)), "w") as f:
            f.write('"""m%d\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2026-11-22 10:00:00.000000\n\n"""\n'
                    "from alembic import op\n\nrevision = %r\ndown_revision = %r\nbranch_labels = None\n"
                    "depends_on = None\n\n\ndef upgrade():\n    op.execute(%r)\n\n\ndef downgrade():\n"
                    "    op.execute(%r)\n" % (i, rid, prev or "", rid, prev, up.rstrip(";"), down.rstrip(";")))
        prev = rid


def create_table(i):
    return "CREATE TABLE t%d (id INTEGER PRIMARY KEY, name VARCHAR(100));" % i, "DROP TABLE t%d;" % i


def raw_script(path, n, transaction=True):
    with open(path, "w") as f:
        if transaction:
            f.write("BEGIN;\n")
        for i in range(n):
            f.write(create_table(i)[0] + "\n")
        if transaction:
            f.write("COMMIT;\n")


def paired_projects(tmp, name, n, url, sql_for=None):
    """A retort project and an Alembic project side by side under tmp/name with the same n
    migrations; returns (root, retort_dir, alembic_dir)."""
    sql_for = sql_for or create_table
    root = os.path.join(tmp, name)
    r, a = os.path.join(root, "retort"), os.path.join(root, "alembic")
    os.makedirs(r)
    os.makedirs(a)
    retort_project(r, n, url, sql_for)
    # SQLAlchemy wants a driver it knows.
    alembic_project(a, n, url.replace("postgresql://", "postgresql+psycopg2://"), sql_for)
    return root, r, a


# --- workloads --------------------------------------------------------------------------------

def bench_current(tmp, retort, runs, read_version):
    """The limit is bench/read_version.c: a C program that opens the file and reads the version row."""
    _, r, a = paired_projects(tmp, "current", 1, "sqlite:///app.db")
    subprocess.run([retort, "-q", "upgrade", "head"], cwd=r, check=True)
    subprocess.run(["/usr/bin/python3", "-m", "alembic", "upgrade", "head"], cwd=a, check=True,
                   stderr=subprocess.DEVNULL)
    measure("current, 1 revision, SQLite", [
        ("retort", [retort, "current"], r, None, None, None),
        ("alembic", ["/usr/bin/python3", "-m", "alembic", "current"], a, None, None, max(3, runs // 4)),
        ("limit", [read_version, "app.db"], r, None, None, None)], runs)


def bench_upgrade_sqlite(tmp, retort, n, runs):
    root, r, a = paired_projects(tmp, "upgrade-sqlite", n, "sqlite:///app.db")
    raw_script(os.path.join(root, "raw.sql"), n)

    def fresh(path):
        return lambda: [os.remove(p) for p in (path, path + "-journal") if os.path.exists(p)]

    time.sleep(2.5)  # migration files in real projects are older than the header cache's racy window
    measure("upgrade head, %d x CREATE TABLE, SQLite" % n, [
        ("retort", [retort, "-q", "upgrade", "head"], r, None, fresh(os.path.join(r, "app.db")), None),
        ("alembic", ["/usr/bin/python3", "-m", "alembic", "upgrade", "head"], a, None,
         fresh(os.path.join(a, "app.db")), max(2, runs // 4)),
        ("limit", ["sh", "-c", "sqlite3 raw.db < raw.sql"], root, None, fresh(os.path.join(root, "raw.db")), None)],
        runs)


def bench_upgrade_pg(tmp, retort, n, runs, admin_url):
    url = admin_url.replace("@/postgres?", "@/bench?")
    root, r, a = paired_projects(tmp, "upgrade-pg", n, url)
    raw_script(os.path.join(root, "raw.sql"), n, transaction=False)  # psql -1 wraps it

    def fresh():
        # A checkpoint after re-creating the database keeps the previous run's clean-up out of the
        # next measurement.
        subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", "DROP DATABASE IF EXISTS bench WITH (FORCE)",
                        "-c", "CREATE DATABASE bench", "-c", "CHECKPOINT"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    time.sleep(2.5)
    measure("upgrade head, %d x CREATE TABLE, PostgreSQL" % n, [
        ("retort", [retort, "-q", "upgrade", "head"], r, None, fresh, None),
        ("alembic", ["/usr/bin/python3", "-m", "alembic", "upgrade", "head"], a, None, fresh, max(2, runs // 4)),
        ("limit", ["psql", "-X", "-q", "-1", "-d", url, "-f", "raw.sql"], root, None, fresh, None)], runs)


def bench_graph(tmp, retort, n, runs, stat_files):
    """The limit is bench/stat_files.c, listing the directory and one stat per file: what any tool
    must do to know no file changed. Without the header cache, retort must read every file: that
    run is compared with `cat` of them all."""
    root, r, a = paired_projects(tmp, "graph", n, "sqlite:///app.db")
    cat = ["sh", "-c", "cat migrations/versions/*.sql > /dev/null"]
    # Files younger than two seconds are never trusted from the header cache (timestamp
    # granularity); real projects' files are older, so let these age before measuring.
    time.sleep(2.5)
    cold = dict(os.environ, RETORT_NO_CACHE="1")
    for command in ("heads", "history"):
        measure("%s, %d revisions" % (command, n), [
            ("retort", [retort, command], r, None, None, None),
            ("retort, no cache", [retort, command], r, cold, None, None),
            ("alembic", ["/usr/bin/python3", "-m", "alembic", command], a, None, None, max(2, runs // 4)),
            ("limit", [stat_files, "migrations/versions"], r, None, None, None),
            ("read files", cat, r, None, None, None)], runs)


def autogenerate_sql(path, n, changed):
    with open(path, "w") as f:
        for i in range(n):
            extra = ", note TEXT" if changed and i % (n // changed) == 0 else ""
            f.write("CREATE TABLE t%d (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, v INTEGER, created TEXT%s);\n"
                    "CREATE INDEX ix_t%d_name ON t%d (name);\n" % (i, extra, i, i))


ALEMBIC_MODELS = """
from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text
target_metadata = MetaData()
for i in range(%(n)d):
    cols = [Column('id', Integer, primary_key=True), Column('name', String(100), nullable=False),
            Column('v', Integer), Column('created', Text)]
    if i %% %(step)d == 0:
        cols.append(Column('note', Text))
    t = Table('t%%d' %% i, target_metadata, *cols)
    Index('ix_t%%d_name' %% i, t.c.name)
"""


def bench_autogenerate(tmp, retort, n, changed, runs, admin_url=None):
    """revision --autogenerate with n tables of which `changed` gained a column (SPEC §11)."""
    dialects = [("SQLite", "sqlite:///app.db")]
    if admin_url:
        dialects.append(("PostgreSQL", admin_url.replace("@/postgres?", "@/agbench?")))
    for label, url in dialects:
        root = os.path.join(tmp, "autogenerate-" + label)
        r, a = os.path.join(root, "retort"), os.path.join(root, "alembic")
        os.makedirs(os.path.join(r, "migrations", "versions"))
        os.makedirs(a)
        autogenerate_sql(os.path.join(root, "base.sql"), n, 0)
        autogenerate_sql(os.path.join(r, "schema.sql"), n, changed)
        with open(os.path.join(r, "retort.toml"), "w") as f:
            f.write('[retort]\nscript_location = "migrations"\nurl = "%s"\nschema = ["schema.sql"]\n' % url)
        alembic_project(a, 0, url.replace("postgresql://", "postgresql+psycopg2://"), create_table)
        env = os.path.join(a, "alembic", "env.py")
        with open(env) as f:
            text = f.read()
        with open(env, "w") as f:
            f.write(text.replace("target_metadata = None", ALEMBIC_MODELS % {"n": n, "step": n // changed}))
        cold_before = None
        if label == "SQLite":
            for d in (r, a):
                subprocess.run(["sh", "-c", "sqlite3 app.db < ../base.sql"], cwd=d, check=True)
            limit = ["sqlite3", "app.db", ".schema"]
            # Without caches retort loads the desired schema into a scratch database, then reads both.
            cold_limit = ["sh", "-c", "sqlite3 :memory: < schema.sql && sqlite3 app.db .schema > /dev/null"]
        else:
            subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", "DROP DATABASE IF EXISTS agbench WITH (FORCE)",
                            "-c", "CREATE DATABASE agbench"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run(["psql", "-X", "-q", "-d", url, "-f", "base.sql"], cwd=root, check=True, stdout=subprocess.DEVNULL)
            limit = ["pg_dump", "--schema-only", "-d", url, "-f", "/dev/null"]
            scratch_url = admin_url.replace("@/postgres?", "@/agscratch?")

            def cold_before():
                subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", "DROP DATABASE IF EXISTS agscratch WITH (FORCE)",
                                "-c", "CREATE DATABASE agscratch"], check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            cold_limit = ["sh", "-c", "psql -X -q -1 -d '%s' -f retort/schema.sql > /dev/null && "
                          "pg_dump --schema-only -d '%s' -f /dev/null" % (scratch_url, url)]

        def clean(d, ext):
            return lambda: [os.remove(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(ext)]

        cold = dict(os.environ, RETORT_NO_CACHE="1")
        measure("revision --autogenerate, %d tables, %d changed, %s" % (n, changed, label), [
            ("retort", [retort, "-q", "revision", "--autogenerate", "-m", "x"], r, None,
             clean(os.path.join(r, "migrations", "versions"), ".sql"), None),
            ("retort, no cache", [retort, "-q", "revision", "--autogenerate", "-m", "x"], r, cold,
             clean(os.path.join(r, "migrations", "versions"), ".sql"), None),
            ("alembic", ["/usr/bin/python3", "-m", "alembic", "revision", "--autogenerate", "-m", "x"], a, None,
             clean(os.path.join(a, "alembic", "versions"), ".py"), max(2, runs // 4)),
            ("limit", limit, r if label == "SQLite" else root, None, None, None),
            ("limit, no cache", cold_limit, r if label == "SQLite" else root, None, cold_before, None)], runs)


def data_migration(rows):
    """A data migration of `rows` one-row INSERTs (about 115 bytes each: 1,000,000 rows is 115 MB)."""
    lines = ["INSERT INTO items VALUES (%d, 'item number %d', 'a note that makes the row about a hundred bytes', "
             "%d.5);" % (i, i, i % 1000) for i in range(rows)]
    return "\n".join(lines)


def bench_data(tmp, retort, rows, runs, admin_url=None):
    """upgrade head through a table and a data migration of `rows` INSERTs, against the engine's own
    shell running the same SQL in one transaction. Alembic has no row: op.execute runs one statement
    per call on SQLite, and a migration file of 1,000,000 op.execute calls measures Python."""
    create = "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(100), note TEXT, price NUMERIC);"
    body = data_migration(rows)
    for label in ["SQLite"] + (["PostgreSQL"] if admin_url else []):
        root = os.path.join(tmp, "data-" + label)
        r = os.path.join(root, "retort")
        os.makedirs(r)
        if label == "SQLite":
            url = "sqlite:///app.db"
        else:
            url = admin_url.replace("@/postgres?", "@/bench?")
        retort_project(r, 2, url, lambda i: (create, "DROP TABLE items;") if i == 0 else (body, "DELETE FROM items;"))
        with open(os.path.join(root, "raw.sql"), "w") as f:
            f.write(create + "\n" + body + "\n")
        if label == "SQLite":
            def fresh(path):
                return lambda: [os.remove(p) for p in (path, path + "-journal") if os.path.exists(p)]
            limit = ["sh", "-c", "(echo 'BEGIN;'; cat raw.sql; echo 'COMMIT;') | sqlite3 raw.db"]
            before_r, before_l = fresh(os.path.join(r, "app.db")), fresh(os.path.join(root, "raw.db"))
        else:
            def fresh_pg():
                subprocess.run(["psql", "-X", "-q", "-d", admin_url, "-c", "DROP DATABASE IF EXISTS bench WITH (FORCE)",
                                "-c", "CREATE DATABASE bench", "-c", "CHECKPOINT"], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            limit = ["psql", "-X", "-q", "-1", "-d", url, "-f", "raw.sql"]
            before_r = before_l = fresh_pg
        time.sleep(2.5)
        measure("data migration, %d x INSERT (%d MB), %s" % (rows, len(body) // 1000000, label), [
            ("retort", [retort, "-q", "upgrade", "head"], r, None, before_r, None),
            ("limit", limit, root, None, before_l, None)], runs)


# --- fleets ------------------------------------------------------------------------------------

FLEET_RESULTS = []


def alembic_env_url(root):
    """Alembic's generated env.py reads the URL from alembic.ini only; a loop over databases needs
    it from the environment (what a project migrating a fleet with Alembic writes into env.py)."""
    env = os.path.join(root, "alembic", "env.py")
    with open(env) as f:
        text = f.read()
    text = text.replace("config = context.config\n", "config = context.config\nimport os\n"
                        "if 'DB_URL' in os.environ:\n    config.set_main_option('sqlalchemy.url', os.environ['DB_URL'])\n", 1)
    with open(env, "w") as f:
        f.write(text)


def fleet_row(work, tool, targets, seconds, baseline=None):
    rate = targets / seconds
    FLEET_RESULTS.append((work, tool, targets, seconds, rate, baseline))
    print("  %-44s %-22s %5d targets %9.2f s %8.1f/s" % (work, tool, targets, seconds, rate), file=sys.stderr)
    return rate


def bench_fleet(tmp, retort, files, databases, migrations, runs, admin_url=None):
    """retort fleet at -j 1, 2, 4, 8 against a shell loop of `retort upgrade head` and one of
    Alembic, on the same databases and migrations: throughput in targets per second."""
    root, r, a = paired_projects(tmp, "fleet", migrations, "sqlite:///unused.db")
    alembic_env_url(a)
    time.sleep(2.5)
    alembic_files = min(files, 20)  # Alembic takes about a second per database: its rate from 20

    def median_time(cmd, cwd, before, n):
        samples = []
        for _ in range(n):
            before()
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, shell=True)
            samples.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise SystemExit("fleet benchmark failed: %s\n%s" % (cmd, proc.stderr.decode()[-2000:]))
        return statistics.median(samples)

    def sqlite_fresh(count):
        def reset():
            d = os.path.join(r, "devices")
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            for i in range(count):
                open(os.path.join(d, "d%04d.db" % i), "w").close()
        return reset

    work = "%d SQLite files x %d migrations" % (files, migrations)
    loop = median_time("for f in devices/*.db; do %s -q --url sqlite:///$f upgrade head || exit 1; done" % retort, r,
                       sqlite_fresh(files), runs)
    base = fleet_row(work, "shell loop of retort", files, loop)
    for j in (1, 2, 4, 8):
        t = median_time("%s -q fleet upgrade --targets-glob 'devices/*.db' -j %d" % (retort, j), r,
                        sqlite_fresh(files), runs)
        fleet_row(work, "retort fleet -j %d" % j, files, t, base)

    def alembic_fresh():
        d = os.path.join(a, "devices")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    t = median_time("for i in $(seq 1 %d); do DB_URL=sqlite:///devices/d$i.db /usr/bin/python3 -m alembic upgrade head "
                    "|| exit 1; done" % alembic_files, a, alembic_fresh, max(1, runs // 3))
    fleet_row(work, "shell loop of Alembic", alembic_files, t, base)

    if not admin_url:
        return
    work = "%d PostgreSQL databases x %d migrations" % (databases, migrations)
    urls = [admin_url.replace("@/postgres?", "@/fleet_%d?" % i) for i in range(databases)]
    with open(os.path.join(r, "targets.txt"), "w") as f:
        f.write("\n".join(urls) + "\n")
    with open(os.path.join(a, "targets.txt"), "w") as f:
        f.write("\n".join(u.replace("postgresql://", "postgresql+psycopg2://") for u in urls[:alembic_files]) + "\n")

    def pg_fresh():
        sql = []
        for i in range(databases):
            sql += ["-c", "DROP DATABASE IF EXISTS fleet_%d WITH (FORCE)" % i, "-c", "CREATE DATABASE fleet_%d" % i]
        subprocess.run(["psql", "-X", "-q", "-d", admin_url] + sql + ["-c", "CHECKPOINT"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loop = median_time("while read u; do %s -q --url \"$u\" upgrade head || exit 1; done < targets.txt" % retort, r,
                       pg_fresh, runs)
    base = fleet_row(work, "shell loop of retort", databases, loop)
    for j in (1, 2, 4, 8):
        t = median_time("%s -q fleet upgrade --targets targets.txt -j %d" % (retort, j), r, pg_fresh, runs)
        fleet_row(work, "retort fleet -j %d" % j, databases, t, base)
    t = median_time("while read u; do DB_URL=\"$u\" /usr/bin/python3 -m alembic upgrade head || exit 1; done "
                    "< targets.txt", a, pg_fresh, max(1, runs // 3))
    fleet_row(work, "shell loop of Alembic", min(databases, alembic_files), t, base)


def fleet_table():
    out = ["| work | tool | targets | time | targets/s | vs shell loop of retort |", "|---|---|---|---|---|---|"]
    for work, tool, targets, seconds, rate, base in FLEET_RESULTS:
        out.append("| %s | %s | %d | %.2f s | %.1f | %s |" % (work, tool, targets, seconds, rate,
                                                            "%.2f x" % (rate / base) if base else "1.00 x"))
    return "\n".join(out)


# Issue 19's targets, by the start of the work's name: (kind, bound), kind "ratio" (retort / limit)
# or "ms" (retort's median). The "no cache" bound compares retort without caches with the cold limit.
TARGETS = [
    ("current,", ("ratio", 2.0), None),
    ("heads,", ("ms", 25.0), None),
    ("history,", ("ms", 25.0), None),
    ("upgrade head, 1000 x CREATE TABLE, SQLite", ("ratio", 1.1), None),
    ("revision --autogenerate", ("ratio", 2.0), ("ratio", 1.5)),
]


def target_of(work):
    for prefix, warm, cold in TARGETS:
        if work.startswith(prefix):
            return warm, cold
    return None, None


def verdict(bound, value):
    kind, limit = bound
    shown = "%.1f ms" % limit if kind == "ms" else "%.1f x" % limit
    return "<= %s: %s" % (shown, "met" if value <= limit else "MISSED")


def table(versions):
    by_work = {}
    order = []
    for work, tool, median, rss, runs in RESULTS:
        if work not in by_work:
            order.append(work)
            by_work[work] = {}
        by_work[work][tool] = (median, rss, runs)
    out = ["| work | retort | Alembic | limit | Alembic / retort | retort / limit | target | max RSS retort / Alembic |"
           " retort without caches |",
           "|---|---|---|---|---|---|---|---|---|"]
    for work in order:
        t = by_work[work]
        r, a, l = t["retort"], t.get("alembic"), t["limit"]
        c, cl = t.get("retort, no cache"), t.get("limit, no cache")
        warm, cold_bound = target_of(work)
        target = "-"
        if warm:
            target = verdict(warm, r[0] * 1000 if warm[0] == "ms" else r[0] / l[0])
        cold = "-"
        if c and cl:
            cold = "%.1f ms (%.2f x load + dump, %.1f ms)" % (c[0] * 1000, c[0] / cl[0], cl[0] * 1000)
            if cold_bound:
                cold += "; " + verdict(cold_bound, c[0] / cl[0])
        elif c and "read files" in t:
            f = t["read files"]
            cold = "%.1f ms (%.2f x reading the files, %.1f ms)" % (c[0] * 1000, c[0] / f[0], f[0] * 1000)
        elif c:
            cold = "%.1f ms (%.2f x limit)" % (c[0] * 1000, c[0] / l[0])
        out.append("| %s | %.1f ms | %s | %.1f ms | %s | %.2f x | %s | %s | %s |" % (
            work, r[0] * 1000, "%.1f ms" % (a[0] * 1000) if a else "-", l[0] * 1000,
            "%.1f x" % (a[0] / r[0]) if a else "-", r[0] / l[0], target,
            "%d / %d KiB" % (r[1], a[1]) if a else "%d KiB (limit: %d KiB)" % (r[1], l[1]), cold))
    out.append("")
    out.append("Medians after one warm-up run; " + versions)
    return "\n".join(out)


# --- scaling ------------------------------------------------------------------------------------

SCALING = []


def timed_median(cmd, cwd, runs, before=None):
    run_once(cmd, cwd, None, before)  # warm-up: fills the caches
    return statistics.median(run_once(cmd, cwd, None, before) for _ in range(runs))


def bench_scaling(tmp, retort, runs, revisions, tables, stat_files):
    """heads/history over growing graphs and autogenerate (desired schema cached) over growing
    schemas: each row's time, and how much it grew for each tenfold input."""
    for n in revisions:
        root = os.path.join(tmp, "scale-rev-%d" % n)
        os.makedirs(root)
        retort_project(root, n, "sqlite:///app.db", create_table)
        time.sleep(2.5)
        for command in ("heads", "history"):
            SCALING.append(("%s" % command, n, "revisions", timed_median([retort, command], root, runs)))
        SCALING.append(("listing + stat of the files (the limit)", n, "revisions",
                        timed_median([stat_files, "migrations/versions"], root, runs)))
    for n in tables:
        root = os.path.join(tmp, "scale-ag-%d" % n)
        os.makedirs(os.path.join(root, "migrations", "versions"))
        autogenerate_sql(os.path.join(root, "base.sql"), n, 0)
        autogenerate_sql(os.path.join(root, "schema.sql"), n, max(1, n // 10))
        with open(os.path.join(root, "retort.toml"), "w") as f:
            f.write('[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\nschema = ["schema.sql"]\n')
        subprocess.run(["sh", "-c", "sqlite3 app.db < base.sql"], cwd=root, check=True)
        versions = os.path.join(root, "migrations", "versions")

        def clean():
            for f in os.listdir(versions):
                os.remove(os.path.join(versions, f))
        SCALING.append(("revision --autogenerate, SQLite, 10 % changed", n, "tables",
                        timed_median([retort, "-q", "revision", "--autogenerate", "-m", "x"], root, runs, clean)))
        SCALING.append(("sqlite3 .schema (the limit)", n, "tables",
                        timed_median(["sqlite3", "app.db", ".schema"], root, runs)))
    for work, n, unit, t in SCALING:
        print("  %-50s %7d %-9s %9.1f ms" % (work, n, unit, t * 1000), file=sys.stderr)


def scaling_table():
    """Each size's time and the slope from the previous size: the cost of 1,000 more units of input.
    A linear cost has the same slope over every range (start-up is in the intercept, not the slope)."""
    out = ["| work | input | time | slope from the previous size (per 1,000) |", "|---|---|---|---|"]
    previous = {}
    for work, n, unit, t in SCALING:
        slope = "-"
        if work in previous:
            pn, pt = previous[work]
            slope = "%.2f ms" % ((t - pt) * 1000 * 1000 / (n - pn))
        out.append("| %s | %d %s | %.1f ms | %s |" % (work, n, unit, t * 1000, slope))
        previous[work] = (n, t)
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--retort", required=True)
    parser.add_argument("--pg-state", help="state directory of scripts/pg-test-server.sh (adds PostgreSQL rows)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and smaller graphs (smoke test)")
    parser.add_argument("--only", choices=["data", "fleet", "scaling", "main"], help="only these rows")
    parser.add_argument("--read-version", help="the C program that is the limit of `current` "
                        "(default: bench/read_version beside the retort binary's build)")
    args = parser.parse_args()
    retort = os.path.abspath(args.retort)
    read_version = os.path.abspath(args.read_version or os.path.join(os.path.dirname(retort), "..", "bench",
                                                                     "read_version"))
    stat_files = os.path.join(os.path.dirname(read_version), "stat_files")
    runs = 3 if args.quick else 10
    upgrade_n, graph_n = (100, 1000) if args.quick else (1000, 10000)

    tmp = tempfile.mkdtemp(prefix="retort-bench-")
    try:
        print("workloads in %s" % tmp, file=sys.stderr)
        admin = None
        if args.pg_state:
            with open(os.path.join(args.pg_state, "url")) as f:
                admin = f.read().strip()
        # The client-only rows first: the PostgreSQL rows leave the server busy cleaning up
        # dropped databases for a while, which would slow down whatever ran next on 2 cores.
        if args.only in (None, "main"):
            bench_current(tmp, retort, runs * 2, read_version)
            bench_graph(tmp, retort, graph_n, runs, stat_files)
            bench_upgrade_sqlite(tmp, retort, upgrade_n, runs)
            if admin:
                bench_upgrade_pg(tmp, retort, upgrade_n, runs, admin)
            bench_autogenerate(tmp, retort, 100 if args.quick else 1000, 10 if args.quick else 100, runs, admin)
        # Last: the largest, and the PostgreSQL one leaves the server busy afterwards. Three runs
        # each (a run takes seconds on SQLite, most of a minute on PostgreSQL).
        if args.only in (None, "fleet"):
            bench_fleet(tmp, retort, 100 if args.quick else 1000, 20 if args.quick else 100, 10, 1 if args.quick else 3,
                        admin)
        if args.only in (None, "data"):
            bench_data(tmp, retort, 100000 if args.quick else 1000000, 3, admin)
        if args.only in (None, "scaling"):
            bench_scaling(tmp, retort, 3 if args.quick else 5,
                          (100, 1000, 10000) if args.quick else (1000, 10000, 100000),
                          (10, 100, 1000) if args.quick else (100, 1000, 10000), stat_files)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    alembic_version = subprocess.run(["/usr/bin/python3", "-m", "alembic", "--version"], capture_output=True,
                                     text=True).stdout.strip()
    retort_version = subprocess.run([retort, "--version"], capture_output=True, text=True).stdout.strip()
    sqlite_version = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    psql_version = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = "%s, %s, sqlite3 %s, %s; %s, %d CPUs, Linux %s; %s." % (
        retort_version, alembic_version, sqlite_version, psql_version, cpu, os.cpu_count(), platform.release(),
        time.strftime("%Y-%m-%d"))
    if RESULTS:
        print(table(versions))
    if FLEET_RESULTS:
        print()
        print(fleet_table())
        print()
        print(versions)
    if SCALING:
        print()
        print(scaling_table())
        print()
        print(versions)


if __name__ == "__main__":
    main()
