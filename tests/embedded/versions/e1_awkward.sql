-- awkward bytes
--
-- Revision ID: e1
-- Revises:

-- migrate:upgrade
CREATE TABLE "quo""te" (x TEXT DEFAULT 'a\b\n?"??=	');
INSERT INTO "quo""te" VALUES ('café € ');
-- migrate:downgrade
DROP TABLE "quo""te";