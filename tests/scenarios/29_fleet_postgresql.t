# dialects: postgresql
# Fleets (issue 17) on PostgreSQL: one database per tenant, listed by a query. A database that does
# not exist, one at a revision no file defines and a server nobody listens on fail, each reported;
# the other tenants are migrated, each in its own transaction with its own lock and ledger.
$ retort init migrations >/dev/null; printf -- '-- users\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/aaa111_users.sql; printf -- '-- email\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n\n-- migrate:upgrade\nALTER TABLE users ADD COLUMN email text;\n-- migrate:downgrade\nALTER TABLE users DROP COLUMN email;\n' > migrations/versions/bbb222_email.sql; printf 'import json, re, sys\nd = json.load(sys.stdin)\nfor t in d["targets"]:\n    e = t["error"]\n    name = t["target"].split("?")[0].rsplit("/", 1)[-1]\n    m = re.sub(r"socket \\"[^\\"]*\\"", "socket <sock>", re.sub(r"postgresql://[^ ]*", "<url>", e["message"])).split("\\n")[0] if e else ""\n    print(name, t["state"], t["before"], t["after"], len(t["steps"]), e["kind"] + ": " + m if e else "")\nprint(d["done"], "done", d["failed"], "failed", d["skipped"], "skipped")\n' > show.py; for t in a b c; do dbq "DROP DATABASE IF EXISTS scenario_29_tenant_$t" >/dev/null 2>&1; dbq "CREATE DATABASE scenario_29_tenant_$t"; done; dbq "CREATE TABLE tenants (db text)"; dbq "INSERT INTO tenants VALUES ('scenario_29_tenant_a'), ('scenario_29_tenant_b'), ('scenario_29_tenant_c'), ('scenario_29_missing')"; C=$(echo "$DATABASE_URL" | sed 's|/scenario_[a-z0-9_]*|/scenario_29_tenant_c|'); DATABASE_URL="$C" dbq "CREATE TABLE retort_version (version_num varchar(255) PRIMARY KEY); INSERT INTO retort_version VALUES ('zzz999')"; retort --json fleet upgrade --targets-query "$DATABASE_URL" "SELECT db FROM tenants ORDER BY db" -j 2 2>/dev/null | python3 show.py
scenario_29_missing failed None None 0 database: Cannot connect to <url> connection to server on socket <sock> failed: FATAL:  database "scenario_29_missing" does not exist
scenario_29_tenant_a done [] ['bbb222'] 2 
scenario_29_tenant_b done [] ['bbb222'] 2 
scenario_29_tenant_c failed None None 0 plan: The database is at revision 'zzz999', which no migration file defines; restore the file or fix the version table with 'retort stamp --purge'
2 done 2 failed 0 skipped

# Each tenant has the tables and its own ledger rows.
$ A=$(echo "$DATABASE_URL" | sed 's|/scenario_[a-z0-9_]*|/scenario_29_tenant_a|'); DATABASE_URL="$A" dbq "SELECT revision, direction, outcome FROM retort_history ORDER BY id"; DATABASE_URL="$A" dbq columns users
aaa111|upgrade|applied
bbb222|upgrade|applied
id
email

# A server nobody listens on, beside a good tenant, from a targets file.
$ B=$(echo "$DATABASE_URL" | sed 's|/scenario_[a-z0-9_]*|/scenario_29_tenant_b|'); printf '%s\npostgresql://nobody@127.0.0.1:1/nothing?connect_timeout=2\n' "$B" > tenants.txt; retort --json fleet downgrade aaa111 --targets tenants.txt 2>/dev/null | python3 show.py; grep -c nothing retort-fleet-failed.txt
scenario_29_tenant_b done ['bbb222'] ['aaa111'] 1 
nothing failed None None 0 database: Cannot connect to <url> connection to server at "127.0.0.1", port 1 failed: Connection refused
1 done 1 failed 0 skipped
1

# One schema per tenant in one database: with --schemas the query gives schema names, each tenant's URL gains ?search_path=, and its version table, ledger and tables live in its schema. A tenant whose schema is missing fails, and says so.
$ dbq "CREATE SCHEMA shop_a; CREATE SCHEMA \"Shop B\"; CREATE TABLE tenant_schemas (name text); INSERT INTO tenant_schemas VALUES ('shop_a'), ('Shop B'), ('shop_gone')"; retort --json fleet upgrade --targets-query "$DATABASE_URL" "SELECT name FROM tenant_schemas ORDER BY name" --schemas -j 3 2>/dev/null | python3 -c 'import json, sys, urllib.parse as u; [print(u.unquote(t["target"].split("search_path=")[1]), t["state"], t["after"], (t["error"] or {}).get("message", "").split(" of ")[0]) for t in json.load(sys.stdin)["targets"]]'; dbq "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema ILIKE '%shop%' ORDER BY 1, 2"
"Shop B" done ['bbb222'] 
shop_a done ['bbb222'] 
shop_gone failed None No schema on the URL's search_path (shop_gone) exists in database 'scenario_29_fleet_postgresql'
Shop B|retort_history
Shop B|retort_version
Shop B|users
shop_a|retort_history
shop_a|retort_version
shop_a|users

# The same tenant by hand, offline: the script sets the tenant's search_path, so a DBA running it with psql migrates that schema.
$ retort --url "$DATABASE_URL&search_path=shop_c" upgrade head --sql 2>/dev/null > shop_c.sql; head -4 shop_c.sql; dbq "CREATE SCHEMA shop_c"; psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -f shop_c.sql; retort --url "$DATABASE_URL&search_path=shop_c" current; dbq "SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop_c' ORDER BY 1"
-- retort runs these migrations with search_path = shop_c (the URL's search_path)
SET search_path TO shop_c;

BEGIN;
bbb222 (head)
retort_history
retort_version
users

