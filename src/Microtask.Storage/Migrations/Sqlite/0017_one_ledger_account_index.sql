-- ledger_account (account) is the leading column of ledger_account_id (account, id), which serves every query by
-- account (sums, the newest entries, "has this account any"): the narrower index was only a second index entry to
-- write for each of the two ledger rows an answer adds.
DROP INDEX IF EXISTS ledger_account;
