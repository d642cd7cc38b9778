-- API keys expire (issue 20). Keys created before this migration had no expiry: they get the default lifetime
-- (stockradar.api-keys.default-ttl, 90 days) counted from now, so no key stops working the moment this runs.
alter table api_key add column expires_at timestamptz;
update api_key set expires_at = now() + interval '90 days';
alter table api_key alter column expires_at set not null;

-- Sign-in sessions end: a refresh-token family can be rotated until family_started_at plus
-- stockradar.refresh-token.absolute-ttl, however often each refresh renewed the sliding expires_at. Every token of
-- a family carries the family's start; for the families that exist already it is their oldest token's issue time.
alter table refresh_token add column family_started_at timestamptz;
update refresh_token r set family_started_at = f.started
from (select family_id, min(issued_at) as started from refresh_token group by family_id) f
where r.family_id = f.family_id;
alter table refresh_token alter column family_started_at set not null;
