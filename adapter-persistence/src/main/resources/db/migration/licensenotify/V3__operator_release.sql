-- An operator's release (license-notify release): when, by whom and why a delivery was turned into FAILED so that
-- the next run sends it. Kept on the row, shown by history. Portable SQL: H2, MariaDB/MySQL and PostgreSQL.
ALTER TABLE license_notify_delivery ADD COLUMN released_at TIMESTAMP(6) NULL;
ALTER TABLE license_notify_delivery ADD COLUMN released_by VARCHAR(128) NULL;
ALTER TABLE license_notify_delivery ADD COLUMN release_reason VARCHAR(1000) NULL;
