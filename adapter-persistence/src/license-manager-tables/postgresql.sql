-- license-manager's three tables as far as license-notify reads them, as Django creates them on PostgreSQL (native uuid and timestamptz): for
-- trying license-notify against a database of your own (README "The first real run"). Never run this against
-- license-manager's own database: its tables are already there. The tests create these tables from this file.
CREATE TABLE subscriptions_customeragreement (
    uuid                            uuid     NOT NULL PRIMARY KEY,
    created                         timestamp with time zone NULL,
    enterprise_customer_uuid        uuid     NOT NULL UNIQUE,
    enterprise_customer_slug        varchar(128) NULL UNIQUE,
    enterprise_customer_name        varchar(255) NULL,
    default_enterprise_catalog_uuid uuid     NULL
);

CREATE TABLE subscriptions_subscriptionplan (
    uuid                       uuid     NOT NULL PRIMARY KEY,
    title                      varchar(128) NOT NULL,
    start_date                 timestamp with time zone NOT NULL,
    expiration_date            timestamp with time zone NOT NULL,
    is_active                  boolean      NOT NULL,
    should_auto_apply_licenses boolean      NULL,
    for_internal_use_only      boolean      NOT NULL DEFAULT false,
    customer_agreement_id      uuid     NOT NULL REFERENCES subscriptions_customeragreement (uuid)
);

CREATE TABLE subscriptions_license (
    uuid                 uuid    NOT NULL PRIMARY KEY,
    status               varchar(25) NOT NULL,
    lms_user_id          int         NULL,
    activation_date      timestamp with time zone NULL,
    subscription_plan_id uuid    NOT NULL REFERENCES subscriptions_subscriptionplan (uuid)
);

CREATE INDEX subscriptions_license_plan_status ON subscriptions_license (subscription_plan_id, status);
