# dialects: postgresql
# lint (issue 16) on PostgreSQL: what it says fails does fail on the server. CONCURRENTLY in a
# transactional block, and an enum label used in the transaction that added it.
$ retort init migrations >/dev/null; printf -- '-- orders\n--\n-- Revision ID: aaa111\n-- Revises: \n\n-- migrate:upgrade\nCREATE TYPE mood AS ENUM (%s);\nCREATE TABLE orders (id bigint PRIMARY KEY, feeling mood);\n-- migrate:downgrade\nDROP TABLE orders;\nDROP TYPE mood;\n' "'sad'" > migrations/versions/aaa111_orders.sql; printf -- '-- index\n--\n-- Revision ID: bbb222\n-- Revises: aaa111\n\n-- migrate:upgrade\nCREATE INDEX CONCURRENTLY ix_orders_feeling ON orders (feeling);\n-- migrate:downgrade\nDROP INDEX ix_orders_feeling;\n' > migrations/versions/bbb222_index.sql; printf -- '-- happy\n--\n-- Revision ID: ccc333\n-- Revises: bbb222\n\n-- migrate:upgrade\nALTER TYPE mood ADD VALUE %s;\nUPDATE orders SET feeling = %s WHERE id = 1;\n-- migrate:downgrade\nSELECT 1;\n' "'happy'" "'happy'" > migrations/versions/ccc333_happy.sql; retort lint | grep -v '^    '
migrations/versions/bbb222_index.sql:7: error [concurrently-in-transaction]: CREATE INDEX CONCURRENTLY runs in a transactional block
migrations/versions/ccc333_happy.sql:8: error [enum-value-in-transaction]: uses the label 'happy' added on line 7 in the same transaction
2 errors, 0 warnings in 3 revisions (postgresql, server version unknown)

$ retort -q upgrade aaa111; retort -q upgrade bbb222 2>&1 | grep -o 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block'; retort current
CREATE INDEX CONCURRENTLY cannot run inside a transaction block
aaa111

# Moved into a transaction:false block, as lint advises, it runs.
$ sed -i 's/^CREATE INDEX CONCURRENTLY/-- migrate:upgrade transaction:false\n&/' migrations/versions/bbb222_index.sql; retort lint bbb222; retort -q upgrade bbb222; retort current
No findings in 1 revision (postgresql, server version unknown)
bbb222

$ retort -q upgrade ccc333 2>&1 | grep -o 'unsafe use of new value "happy" of enum type mood'; retort current
unsafe use of new value "happy" of enum type mood
bbb222

