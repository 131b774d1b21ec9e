-- license-manager's tables, as far as this project reads them: the jOOQ code is generated from them, and the demo
-- creates them in its embedded H2 database (never against license-manager's own). UUIDs are char(32) on MySQL/MariaDB
-- and uuid on PostgreSQL; both are read as strings.
CREATE TABLE subscriptions_customeragreement (
    uuid                     CHAR(32)     NOT NULL PRIMARY KEY,
    enterprise_customer_uuid CHAR(32)     NOT NULL,
    enterprise_customer_slug VARCHAR(128) NULL,
    enterprise_customer_name VARCHAR(255) NULL
);

CREATE TABLE subscriptions_subscriptionplan (
    uuid                       CHAR(32)     NOT NULL PRIMARY KEY,
    title                      VARCHAR(128) NOT NULL,
    start_date                 TIMESTAMP(6) NOT NULL,
    expiration_date            TIMESTAMP(6) NOT NULL,
    is_active                  BOOLEAN      NOT NULL,
    should_auto_apply_licenses BOOLEAN      NULL,
    customer_agreement_id      CHAR(32)     NOT NULL
);

CREATE TABLE subscriptions_license (
    uuid                 CHAR(32)    NOT NULL PRIMARY KEY,
    status               VARCHAR(25) NOT NULL,
    subscription_plan_id CHAR(32)    NOT NULL
);
