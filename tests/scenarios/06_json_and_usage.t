# dialects: sqlite postgresql
# --json prints one document on stdout; usage errors exit 2.
$ retort init migrations >/dev/null

$ retort --json revision -m "create users" --rev-id aaa111 | grep -E '"(revision|message|is_head)"'
  "revision": {
    "is_head": true,
    "message": "create users",
    "revision": "aaa111"

$ retort --json upgrade head | sed -E 's/"duration_ms": [0-9.e+-]+/"duration_ms": <ms>/'
{
  "after": [
    "aaa111"
  ],
  "before": [],
  "command": "upgrade",
  "steps": [
    {
      "duration_ms": <ms>,
      "file": "$TMP/migrations/versions/aaa111_create_users.sql",
      "from": [],
      "kind": "upgrade",
      "message": "create users",
      "revision": "aaa111",
      "to": [
        "aaa111"
      ]
    }
  ]
}
! INFO  [retort] Running upgrade  -> aaa111, create users
! INFO  [retort] Finished upgrade  -> aaa111, create users (<time>)

$ retort --json current
{
  "revisions": [
    {
      "branch_labels": [],
      "children": [],
      "create_date": "<date>",
      "depends_on": [],
      "is_base": true,
      "is_branch_point": false,
      "is_current": true,
      "is_effective_head": false,
      "is_head": true,
      "is_merge_point": false,
      "message": "create users",
      "parents": [],
      "path": "$TMP/migrations/versions/aaa111_create_users.sql",
      "revision": "aaa111"
    }
  ],
  "url": "$DATABASE_URL"
}

$ retort --json heads
{
  "revisions": [
    {
      "branch_labels": [],
      "children": [],
      "create_date": "<date>",
      "depends_on": [],
      "is_base": true,
      "is_branch_point": false,
      "is_current": false,
      "is_effective_head": false,
      "is_head": true,
      "is_merge_point": false,
      "message": "create users",
      "parents": [],
      "path": "$TMP/migrations/versions/aaa111_create_users.sql",
      "revision": "aaa111"
    }
  ]
}

$ retort --json upgrade --plan head
{
  "after": [
    "aaa111"
  ],
  "before": [
    "aaa111"
  ],
  "command": "upgrade",
  "steps": []
}

$ retort --json show nope
{
  "error": {
    "kind": "resolve",
    "message": "Can't locate revision identified by 'nope'"
  }
}
! FAILED: Can't locate revision identified by 'nope'
[exit 1]

$ retort frobnicate
! FAILED: The following argument was not expected: frobnicate
! Run 'retort --help' for usage.
[exit 2]

$ retort upgrade
! FAILED: revision is required
! Run 'retort --help' for usage.
[exit 2]

$ retort upgrade head --sql --plan
! FAILED: --sql and --plan cannot be combined: --sql needs no database, --plan reads it
[exit 2]

$ retort revision --autogenerate -m x
! FAILED: No desired schema: set schema = ["schema.sql"] in the config
!   file: $TMP/retort.toml
[exit 1]

$ retort revision -m x --rev-id a:b
! FAILED: Character(s) ':' not allowed in revision identifier 'a:b'
[exit 2]

$ retort revision -m x --rev-id aaa111
! FAILED: Revision aaa111 already present ($TMP/migrations/versions/aaa111_create_users.sql)
[exit 2]

$ retort history -r aaa111
! FAILED: History range requires [start]:[end], [start]:, or :[end]
[exit 2]

$ retort init migrations
! FAILED: Directory migrations already exists and is not empty
[exit 1]

$ retort init -t nosuch other
! FAILED: No such template 'nosuch'; available: generic, multidialect
[exit 2]

