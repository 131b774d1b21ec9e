-- license-manager's three tables as far as license-notify reads them, as Django creates them on MariaDB and MySQL (UUIDs as 32 hex digits): for
-- trying license-notify against a database of your own (README "The first real run"). Never run this against
-- license-manager's own database: its tables are already there. The tests create these tables from this file.
CREATE TABLE subscriptions_customeragreement (
    uuid                            char(32)     NOT NULL PRIMARY KEY,
    created                         datetime(6) NULL,
    enterprise_customer_uuid        char(32)     NOT NULL UNIQUE,
    enterprise_customer_slug        varchar(128) NULL UNIQUE,
    enterprise_customer_name        varchar(255) NULL,
    default_enterprise_catalog_uuid char(32)     NULL
);

CREATE TABLE subscriptions_subscriptionplan (
    uuid                       char(32)     NOT NULL PRIMARY KEY,
    title                      varchar(128) NOT NULL,
    start_date                 datetime(6) NOT NULL,
    expiration_date            datetime(6) NOT NULL,
    is_active                  boolean      NOT NULL,
    should_auto_apply_licenses boolean      NULL,
    for_internal_use_only      boolean      NOT NULL DEFAULT false,
    customer_agreement_id      char(32)     NOT NULL REFERENCES subscriptions_customeragreement (uuid)
);

CREATE TABLE subscriptions_license (
    uuid                 char(32)    NOT NULL PRIMARY KEY,
    status               varchar(25) NOT NULL,
    lms_user_id          int         NULL,
    activation_date      datetime(6) NULL,
    subscription_plan_id char(32)    NOT NULL REFERENCES subscriptions_subscriptionplan (uuid)
);

CREATE INDEX subscriptions_license_plan_status ON subscriptions_license (subscription_plan_id, status);
