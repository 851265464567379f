# dialects: mysql
# check and autogenerate on MySQL and MariaDB: the desired schema is loaded into a temporary
# database on the server and read back through information_schema; the generated migration runs
# online and through the mariadb client, keeps the rows and the column order, and leaves no
# scratch database behind.
$ retort init migrations >/dev/null

$ printf '[retort]\nscript_location = "migrations"\nurl = "${DATABASE_URL}"\nschema = ["schema.sql"]\n' > retort.toml

$ cat > schema.sql <<'EOF'
> CREATE TABLE users (
>   id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
>   email VARCHAR(300) NOT NULL,
>   full_name VARCHAR(100) NOT NULL DEFAULT '',
>   `rank` INT CHECK (`rank` >= 0),
>   changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
>   bio TEXT,
>   UNIQUE KEY ux_email (email(100)),
>   KEY ix_bio (bio(20))
> ) COMMENT='people';
> CREATE TABLE orders (
>   id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
>   user_id INT NOT NULL,
>   total DECIMAL(10,2) NOT NULL DEFAULT 0,
>   code VARCHAR(20) COLLATE utf8mb4_bin,
>   CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
> );
> CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
> EOF

$ cat > migrations/versions/r1.sql <<'EOF'
> -- users
> --
> -- Revision ID: r1
> -- Revises:
>
> -- migrate:upgrade
> CREATE TABLE users (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL, bio TEXT);
> INSERT INTO users (email, bio) VALUES ('ada@example.org', 'analyst');
>
> -- migrate:downgrade
> DROP TABLE users;
> EOF
# What differs, in the server's own spelling; exit 3.
$ retort -q upgrade head; retort check; echo "exit $?"
Differences between $DATABASE_URL and the desired schema:
  + table orders
  ~ column users.email: varchar(100) NOT NULL -> varchar(300) NOT NULL
  + column users.full_name varchar(100) NOT NULL DEFAULT ''
  + column users.rank int(11)
  + column users.changed timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()
  ~ comment on table users: (none) -> 'people'
  + check rank on users (`rank` >= 0)
  + index ix_bio on users (bio(20))
  + unique index ux_email on users (email(100))
  + view big_orders
exit 3

# The generated migration, as written to the file.
$ retort -q revision --autogenerate -m "orders" --rev-id r2; sed -n '/migrate:upgrade/,$p' migrations/versions/r2_orders.sql
-- migrate:upgrade
CREATE TABLE `orders` (
    `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
    `user_id` int(11) NOT NULL,
    `total` decimal(10,2) NOT NULL DEFAULT 0.00,
    `code` varchar(20) COLLATE utf8mb4_bin NULL,
    PRIMARY KEY (`id`),
    INDEX `fk_orders_user` (`user_id`),
    CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB COLLATE=utf8mb4_unicode_ci;
-- varchar(100) -> varchar(300): MySQL converts each value, and in strict mode fails on one that does not fit
ALTER TABLE `users` MODIFY COLUMN `email` varchar(300) NOT NULL;
ALTER TABLE `users` ADD COLUMN `full_name` varchar(100) NOT NULL DEFAULT '' AFTER `email`;
ALTER TABLE `users` ADD COLUMN `rank` int(11) NULL AFTER `full_name`;
ALTER TABLE `users` ADD COLUMN `changed` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() AFTER `rank`;
ALTER TABLE `users` COMMENT = 'people';
ALTER TABLE `users` ADD CONSTRAINT `rank` CHECK (`rank` >= 0);
CREATE INDEX `ix_bio` ON `users` (`bio`(20));
CREATE UNIQUE INDEX `ux_email` ON `users` (`email`(100));
CREATE VIEW `big_orders` AS select `orders`.`id` AS `id`,`orders`.`total` AS `total` from `orders` where `orders`.`total` > 100;

-- migrate:downgrade
DROP VIEW `big_orders`;
DROP INDEX `ux_email` ON `users`;
DROP INDEX `ix_bio` ON `users`;
ALTER TABLE `users` DROP CONSTRAINT `rank`;
ALTER TABLE `users` COMMENT = '';
-- WARNING: drops column users.changed and its data
ALTER TABLE `users` DROP COLUMN `changed`;
-- WARNING: drops column users.rank and its data
ALTER TABLE `users` DROP COLUMN `rank`;
-- WARNING: drops column users.full_name and its data
ALTER TABLE `users` DROP COLUMN `full_name`;
-- varchar(300) -> varchar(100): MySQL converts each value, and in strict mode fails on one that does not fit
ALTER TABLE `users` MODIFY COLUMN `email` varchar(100) NOT NULL;
-- WARNING: drops table orders and its data
DROP TABLE `orders`;

! WARNING [retort] lint: $TMP/migrations/versions/r2_orders.sql:18: error [alter-table-copy]: ALTER TABLE users MODIFY COLUMN without ALGORITHM or LOCK: MySQL may copy the table, blocking writes. Instead: Say what is acceptable: ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT). MySQL then refuses the statement instead of locking; for a change it cannot make online, use an online schema-change tool (gh-ost, pt-online-schema-change).

# It runs, keeps the row and puts the new columns where the schema has them; then nothing differs.
$ retort -q upgrade head; retort check; dbq columns users; dbq "SELECT id, email, full_name, bio FROM users"; dbq "INSERT INTO orders (user_id, total) VALUES (1, 150)"; dbq "SELECT id, total FROM big_orders"
No differences
id
email
full_name
rank
changed
bio
1|ada@example.org||analyst
1|150.00

# No scratch database is left on the server.
$ dbq "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort_scratch%'"
0

# The downgrade takes it back to r1 with the row intact, and the offline script of both revisions runs in the mariadb client.
$ retort -q downgrade r1; dbq columns users; dbq "SELECT id, email, bio FROM users"; retort upgrade --sql head 2>/dev/null > up.sql; S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//'); mariadb --socket="$S" -uroot -e "DROP DATABASE IF EXISTS scenario_31_offline; CREATE DATABASE scenario_31_offline"; mariadb --socket="$S" -uroot scenario_31_offline < up.sql && mariadb --socket="$S" -uroot -N scenario_31_offline -e "SELECT version_num FROM retort_version; SHOW INDEX FROM users WHERE Key_name = 'ux_email'"
id
email
bio
1|ada@example.org|analyst
r2
users	0	ux_email	1	email	A	1	100	NULL		BTREE			NO

# The schema dump of the migrated database is a desired schema that matches it.
$ retort -q upgrade head; retort schema dump > dumped.sql; sed -i 's/schema.sql/dumped.sql/' retort.toml; retort check
No differences

# A mariadb-dump of the database (versioned comments, LOCK TABLES, the version table's rows, DEFINER views) is a desired schema that matches it too.
$ S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//'); mariadb-dump --socket="$S" -uroot --routines --triggers scenario_31_mysql_autogenerate > mysqldump.sql; sed -i 's/dumped.sql/mysqldump.sql/' retort.toml; retort check
No differences

# retort test replays every migration in a scratch database.
$ retort test; echo "exit $?"
ok    single head
ok    stairway: 2 revision(s) up, down and up again
ok    desired schema: the migrations produce it
exit 0
! INFO  [retort] stairway: r1 up, down and up again
! INFO  [retort] stairway: r2 up, down and up again

# A user who may not create databases is told what to do (the desired schema's cache off, which would spare the scratch).
$ dbq "CREATE USER IF NOT EXISTS 'plain'@'localhost'"; dbq "GRANT ALL ON scenario_31_mysql_autogenerate.* TO 'plain'@'localhost'"; RETORT_NO_CACHE=1 retort --url "$(echo "$DATABASE_URL" | sed 's|root@|plain@|')" check 2>&1 | sed 's|unix_socket=[^ :)]*|unix_socket=<sock>|g; s|retort_scratch_[0-9a-f_]*|retort_scratch_<id>|'; dbq "DROP USER 'plain'@'localhost'"
FAILED: Loading a schema on MySQL needs a scratch database: set dev_url in the config to a server where the user may create databases, or grant CREATE (CREATE DATABASE failed on mysql://plain@/scenario_31_mysql_autogenerate?unix_socket=<sock>: Statement failed: Access denied for user 'plain'@'localhost' to database 'retort_scratch_<id>' (error 1044))
  dialect: mysql

# One history for SQLite and MariaDB: each dialect's section is generated from its own schema, and each database gets its own.
$ mkdir both && cd both && retort init migrations >/dev/null && printf '[retort]\nscript_location = "migrations"\nurl = "sqlite:///app.db"\ndialects = ["sqlite", "mariadb"]\nschema = ["schema.sql"]\n[retort.mariadb]\nschema = ["schema.my.sql"]\ndev_url = "%s"\n' "$DATABASE_URL" > retort.toml && echo "CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL);" > schema.sql && echo "CREATE TABLE tags (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(40) NOT NULL);" > schema.my.sql && retort -q revision --autogenerate -m tags --rev-id t1 2>/dev/null && grep -- '-- migrate:' migrations/versions/t1_tags.sql && retort -q upgrade head && sqlite3 app.db "SELECT version_num FROM retort_version" && S=$(echo "$DATABASE_URL" | sed 's/.*unix_socket=//') && mariadb --socket="$S" -uroot -e "DROP DATABASE IF EXISTS scenario_31_both; CREATE DATABASE scenario_31_both" && retort -q --url "$(echo "$DATABASE_URL" | sed 's|@/[^?]*|@/scenario_31_both|')" upgrade head && retort --url "$(echo "$DATABASE_URL" | sed 's|@/[^?]*|@/scenario_31_both|')" check && mariadb --socket="$S" -uroot -N scenario_31_both -e "SHOW COLUMNS FROM tags"
-- migrate:upgrade dialect:sqlite
-- migrate:downgrade dialect:sqlite
-- migrate:upgrade dialect:mysql
-- migrate:downgrade dialect:mysql
t1
No differences
id	int(11)	NO	PRI	NULL	auto_increment
label	varchar(40)	NO		NULL	

