-- the instance holding a revoke-prefix job, so that the same instance restarted (e.g. after kill -9) takes it back at
-- once instead of waiting for owner_until
ALTER TABLE revoke_prefix_jobs ADD COLUMN owner text;
