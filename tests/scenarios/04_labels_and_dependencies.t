# dialects: sqlite postgresql
# Alembic's multiple-bases example: branch labels, a second base, a dependency.
$ retort init migrations >/dev/null

$ printf '[retort]\nscript_location = "migrations"\nurl = "${DATABASE_URL}"\nversion_locations = ["migrations/versions", "migrations/networking"]\n' > retort.toml

$ mkdir migrations/networking

$ retort revision -m "account" --rev-id 1975ea83b712 --version-path migrations/versions
Generating $TMP/migrations/versions/1975ea83b712_account.sql ...  done

$ retort revision -m "add col" --rev-id ae1027a6acf
Generating $TMP/migrations/versions/ae1027a6acf_add_col.sql ...  done

$ retort revision -m "shopping cart" --rev-id 27c6a30d7c24 --head 1975ea83b712 --splice --branch-label shoppingcart
Generating $TMP/migrations/versions/27c6a30d7c24_shopping_cart.sql ...  done

$ retort revision -m "networking base" --rev-id 3cac04ae8714 --head base --branch-label networking
! FAILED: Multiple version locations present, please specify --version-path
[exit 2]

$ retort revision -m "networking base" --rev-id 3cac04ae8714 --head base --branch-label networking --version-path migrations/networking
Generating $TMP/migrations/networking/3cac04ae8714_networking_base.sql ...  done

$ retort revision -m "ip table" --rev-id 109ec7d132bf --head networking@head
Generating $TMP/migrations/networking/109ec7d132bf_ip_table.sql ...  done

$ retort revision -m "ip account" --rev-id 2a95102259be --head networking@head --depends-on ae10
Generating $TMP/migrations/networking/2a95102259be_ip_account.sql ...  done

$ grep "Depends On" migrations/networking/2a95102259be_ip_account.sql
-- Depends On: ae1027a6acf

$ retort heads
27c6a30d7c24 (shoppingcart) (head)
2a95102259be (networking) (head)
ae1027a6acf (effective head)

$ retort heads --resolve-dependencies
27c6a30d7c24 (shoppingcart) (head)
2a95102259be (networking) (head)

$ retort history
1975ea83b712 -> 27c6a30d7c24 (shoppingcart) (head), shopping cart
109ec7d132bf (ae1027a6acf) -> 2a95102259be (networking) (head), ip account
3cac04ae8714 -> 109ec7d132bf (networking), ip table
<base> -> 3cac04ae8714 (networking), networking base
1975ea83b712 -> ae1027a6acf (effective head), add col
<base> -> 1975ea83b712 (branchpoint), account

$ retort upgrade networking@head
! INFO  [retort] Running upgrade  -> 1975ea83b712, account
! INFO  [retort] Finished upgrade  -> 1975ea83b712, account (<time>)
! INFO  [retort] Running upgrade 1975ea83b712 -> ae1027a6acf, add col
! INFO  [retort] Finished upgrade 1975ea83b712 -> ae1027a6acf, add col (<time>)
! INFO  [retort] Running upgrade  -> 3cac04ae8714, networking base
! INFO  [retort] Finished upgrade  -> 3cac04ae8714, networking base (<time>)
! INFO  [retort] Running upgrade 3cac04ae8714 -> 109ec7d132bf, ip table
! INFO  [retort] Finished upgrade 3cac04ae8714 -> 109ec7d132bf, ip table (<time>)
! INFO  [retort] Running upgrade 109ec7d132bf -> 2a95102259be, ip account
! INFO  [retort] Finished upgrade 109ec7d132bf -> 2a95102259be, ip account (<time>)

$ retort current
2a95102259be (networking) (head)
ae1027a6acf (effective head)

$ dbq "SELECT version_num FROM retort_version ORDER BY 1"
2a95102259be

$ retort history -r networking@base:
109ec7d132bf (ae1027a6acf) -> 2a95102259be (networking) (head), ip account
3cac04ae8714 -> 109ec7d132bf (networking), ip table
<base> -> 3cac04ae8714 (networking), networking base
1975ea83b712 -> ae1027a6acf (effective head), add col
<base> -> 1975ea83b712 (branchpoint), account

$ retort show shoppingcart
Rev: 27c6a30d7c24 (head)
Parent: 1975ea83b712
Branch names: shoppingcart
Path: $TMP/migrations/versions/27c6a30d7c24_shopping_cart.sql

    shopping cart

    Revision ID: 27c6a30d7c24
    Revises: 1975ea83b712
    Create Date: <date>
    Branch Labels: shoppingcart

-- migrate:upgrade

-- migrate:downgrade

$ retort downgrade networking@base
! INFO  [retort] Running downgrade 2a95102259be -> 109ec7d132bf, ip account
! INFO  [retort] Finished downgrade 2a95102259be -> 109ec7d132bf, ip account (<time>)
! INFO  [retort] Running downgrade 109ec7d132bf -> 3cac04ae8714, ip table
! INFO  [retort] Finished downgrade 109ec7d132bf -> 3cac04ae8714, ip table (<time>)
! INFO  [retort] Running downgrade 3cac04ae8714 -> , networking base
! INFO  [retort] Finished downgrade 3cac04ae8714 -> , networking base (<time>)

$ retort current
ae1027a6acf (effective head)

$ retort upgrade shoppingcart@+1
! INFO  [retort] Running upgrade 1975ea83b712 -> 27c6a30d7c24, shopping cart
! INFO  [retort] Finished upgrade 1975ea83b712 -> 27c6a30d7c24, shopping cart (<time>)

$ retort upgrade heads
! INFO  [retort] Running upgrade  -> 3cac04ae8714, networking base
! INFO  [retort] Finished upgrade  -> 3cac04ae8714, networking base (<time>)
! INFO  [retort] Running upgrade 3cac04ae8714 -> 109ec7d132bf, ip table
! INFO  [retort] Finished upgrade 3cac04ae8714 -> 109ec7d132bf, ip table (<time>)
! INFO  [retort] Running upgrade 109ec7d132bf -> 2a95102259be, ip account
! INFO  [retort] Finished upgrade 109ec7d132bf -> 2a95102259be, ip account (<time>)

$ retort downgrade networking@-1
! INFO  [retort] Running downgrade 2a95102259be -> 109ec7d132bf, ip account
! INFO  [retort] Finished downgrade 2a95102259be -> 109ec7d132bf, ip account (<time>)

$ retort current
27c6a30d7c24 (shoppingcart) (head)
109ec7d132bf (networking)
ae1027a6acf (effective head)

$ retort show 2a9
Rev: 2a95102259be (head)
Parent: 109ec7d132bf
Also depends on: ae1027a6acf
Branch names: networking
Path: $TMP/migrations/networking/2a95102259be_ip_account.sql

    ip account

    Revision ID: 2a95102259be
    Revises: 109ec7d132bf
    Create Date: <date>
    Depends On: ae1027a6acf

-- migrate:upgrade

-- migrate:downgrade

$ retort show 1
! FAILED: Multiple revisions start with '1'; give more characters:
!   109ec7d132bf ($TMP/migrations/networking/109ec7d132bf_ip_table.sql)
!   1975ea83b712 ($TMP/migrations/versions/1975ea83b712_account.sql)
[exit 1]

$ retort show zzz999
! FAILED: Can't locate revision identified by 'zzz999'
[exit 1]

$ retort upgrade 27c6a30d7c24+1
! FAILED: Relative revision 27c6a30d7c24+1 walks past the head
[exit 1]

$ retort downgrade 1975ea83b712-1
! INFO  [retort] Running downgrade 109ec7d132bf -> 3cac04ae8714, ip table
! INFO  [retort] Finished downgrade 109ec7d132bf -> 3cac04ae8714, ip table (<time>)
! INFO  [retort] Running downgrade 3cac04ae8714 -> , networking base
! INFO  [retort] Finished downgrade 3cac04ae8714 -> , networking base (<time>)
! INFO  [retort] Running downgrade 27c6a30d7c24 -> 1975ea83b712, shopping cart
! INFO  [retort] Finished downgrade 27c6a30d7c24 -> 1975ea83b712, shopping cart (<time>)
! INFO  [retort] Running downgrade ae1027a6acf -> 1975ea83b712, add col
! INFO  [retort] Finished downgrade ae1027a6acf -> 1975ea83b712, add col (<time>)
! INFO  [retort] Running downgrade 1975ea83b712 -> , account
! INFO  [retort] Finished downgrade 1975ea83b712 -> , account (<time>)

$ retort upgrade ae1027a6acf:heads
! FAILED: Range revision not allowed; ranges are for --sql (start:end)
[exit 2]

