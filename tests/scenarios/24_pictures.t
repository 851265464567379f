# dialects: sqlite postgresql
# Pictures (issue 16): `retort graph` draws the revision graph (Graphviz DOT or Mermaid) with the
# database's current revisions; `retort schema diagram` draws the desired or the live schema's
# tables and foreign keys. Graphviz's `dot` renders both.
$ retort init migrations >/dev/null; printf -- '-- create users\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE);\n-- migrate:downgrade\nDROP TABLE users;\n' > migrations/versions/aaa111_users.sql; printf -- '-- create orders\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n-- Branch Labels: shop\n\n-- migrate:upgrade\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total NUMERIC(10,2));\n-- migrate:downgrade\nDROP TABLE orders;\n' > migrations/versions/bbb222_orders.sql; printf -- '-- create tags\n--\n-- Revision ID: ccc333\n-- Revises: aaa111\n\n-- migrate:upgrade\nCREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);\n-- migrate:downgrade\nDROP TABLE tags;\n' > migrations/versions/ccc333_tags.sql; printf -- '-- order tags\n--\n-- Revision ID: ddd444\n-- Revises: bbb222\n-- Depends On: ccc333\n\n-- migrate:upgrade\nCREATE TABLE order_tags (order_id INTEGER NOT NULL REFERENCES orders (id), tag_id INTEGER REFERENCES tags (id));\n-- migrate:downgrade\nDROP TABLE order_tags;\n' > migrations/versions/ddd444_order_tags.sql; retort -q upgrade shop@head; retort graph
digraph revisions {
  rankdir=BT;
  node [shape=box, style=rounded, fontname="monospace"];
  "aaa111" [label="aaa111\ncreate users\n(base) (branchpoint)\n"];
  "ccc333" [label="ccc333\ncreate tags\n(effective head) (current)\n", peripheries=2, style="rounded,filled", fillcolor="palegreen"];
  "bbb222" [label="bbb222\ncreate orders\n[shop]\n"];
  "ddd444" [label="ddd444\norder tags\n[shop]\n(head) (current)\n", peripheries=2, style="rounded,filled", fillcolor="palegreen"];
  "aaa111" -> "ccc333";
  "aaa111" -> "bbb222";
  "bbb222" -> "ddd444";
  "ccc333" -> "ddd444" [style=dashed, label="depends on"];
}

$ retort graph --format mermaid
flowchart BT
  r_aaa111["aaa111<br/>create users<br/>(base) (branchpoint)"]
  r_ccc333["ccc333<br/>create tags<br/>(effective head) (current)"]
  r_bbb222["bbb222<br/>create orders<br/>[shop]"]
  r_ddd444["ddd444<br/>order tags<br/>[shop]<br/>(head) (current)"]
  r_aaa111 --> r_ccc333
  r_aaa111 --> r_bbb222
  r_bbb222 --> r_ddd444
  r_ccc333 -.->|depends on| r_ddd444
  classDef head stroke-width:3px
  classDef current fill:#b7f0b1
  class r_ccc333,r_ddd444 head
  class r_ccc333,r_ddd444 current

$ retort graph | dot -Tsvg | grep -c '</svg>'
1

# Without a database to read, the picture is of the files alone.
$ retort --url sqlite:///no/such/dir/app.db graph --format mermaid | grep -c '(current)'
0
[exit 1]

$ retort graph --format png
! FAILED: Unknown picture format 'png'; known: dot, mermaid
[exit 2]

$ sed -i 's/^# schema = /schema = /' retort.toml; printf 'CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE);\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), total NUMERIC(10,2));\n' > schema.sql; retort schema diagram
[sqlite] erDiagram
[sqlite]   orders {
[sqlite]     integer id PK "NOT NULL"
[sqlite]     integer user_id FK "NOT NULL"
[sqlite]     numeric_10_2_ total
[sqlite]   }
[sqlite]   users {
[sqlite]     integer id PK "NOT NULL"
[sqlite]     varchar_255_ email UK "NOT NULL"
[sqlite]   }
[sqlite]   orders }o--|| users : "user_id"
[postgresql] erDiagram
[postgresql]   orders {
[postgresql]     integer id PK "NOT NULL"
[postgresql]     integer user_id FK "NOT NULL"
[postgresql]     numeric_10_2_ total
[postgresql]   }
[postgresql]   users {
[postgresql]     integer id PK "NOT NULL"
[postgresql]     character_varying_255_ email UK "NOT NULL"
[postgresql]   }
[postgresql]   orders }o--|| users : "user_id"

$ retort schema diagram --format dot | dot -Tsvg | grep -c '</svg>'
1

# The live database has what the migrations made, the join table with its two foreign keys too.
$ retort schema diagram --live | grep -e '--'
  order_tags }o--|| orders : "order_id"
  order_tags }o--o| tags : "tag_id"
  orders }o--|| users : "user_id"

$ retort schema diagram --live --format dot -o schema.dot; dot -Tsvg schema.dot | grep -c '</svg>'
1

