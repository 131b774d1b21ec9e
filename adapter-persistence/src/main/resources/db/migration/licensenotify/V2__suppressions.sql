-- Who gets no email (DESIGN rule 6): one row per enterprise, admin and kind. The selectors are NOT NULL so that the
-- primary key makes them unique on every database: ecu_id 0 stands for every admin of the enterprise, kind '*' for
-- every kind. Portable SQL: the same script runs on H2, MariaDB/MySQL and PostgreSQL.
CREATE TABLE license_notify_suppression (
    enterprise_uuid VARCHAR(36)   NOT NULL,
    ecu_id          BIGINT        NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    reason          VARCHAR(1000) NULL,
    created_at      TIMESTAMP(6)  NULL,
    created_by      VARCHAR(128)  NULL,
    PRIMARY KEY (enterprise_uuid, ecu_id, kind)
);
