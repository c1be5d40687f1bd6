-- pgbench's side of the invoice benchmark: the businesses the HTTP run prepared (orgs.tsv from
-- setup.py, loaded by run.sh), numbered 1..32 so that pgbench's integer variables can pick one.
DROP TABLE IF EXISTS bench_orgs;
CREATE TABLE bench_orgs (n INT PRIMARY KEY, org UUID, customer UUID, item1 UUID, item2 UUID, item3 UUID);
