-- Number 5 is taken by the schema change of the several-senders work, which lands beside
-- 0006; until it does, this keeps the migrations numbered 1..n. Replace this file with it.
SELECT 1;
