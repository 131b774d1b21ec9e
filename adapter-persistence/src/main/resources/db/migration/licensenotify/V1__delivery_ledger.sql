-- The delivery ledger: one row per delivery key, so that nothing is sent twice.
-- Portable SQL: the same script runs on H2, MariaDB/MySQL and PostgreSQL.
-- Timestamps are UTC; they are declared NULL explicitly so that MariaDB never adds ON UPDATE CURRENT_TIMESTAMP.
CREATE TABLE license_notify_delivery (
    ecu_id          BIGINT        NOT NULL,
    enterprise_uuid VARCHAR(36)   NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    scope           VARCHAR(64)   NOT NULL,
    period          BIGINT        NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    claimed_at      TIMESTAMP(6)  NULL,
    settled_at      TIMESTAMP(6)  NULL,
    run_id          VARCHAR(64)   NOT NULL,
    claim_token     VARCHAR(36)   NOT NULL,
    dispatch_id     VARCHAR(128)  NULL,
    attempts        INT           NOT NULL,
    last_error      VARCHAR(1000) NULL,
    lms_user_id     BIGINT        NOT NULL,
    plan_uuid       VARCHAR(36)   NULL,
    PRIMARY KEY (ecu_id, enterprise_uuid, kind, scope, period)
);

CREATE INDEX license_notify_delivery_enterprise ON license_notify_delivery (enterprise_uuid);
CREATE INDEX license_notify_delivery_state_claimed ON license_notify_delivery (state, claimed_at);
CREATE INDEX license_notify_delivery_claim_token ON license_notify_delivery (claim_token);
