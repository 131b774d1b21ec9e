-- The demo's sample data, in license-manager's tables as adapter-persistence's license-manager.sql creates them:
-- uuids are char(32), 32 lower-case hex digits without dashes, as Django stores them on MySQL.

-- Six enterprises:
--   01 Acme Learning  crosses 75 %   (15 of 20 allocated; 2 revoked seats do not count)
--   02 Globex         at 100 %       (10 of 10; 75 % is superseded by 100 %); shares an admin with Acme
--   03 Initech        under 75 %     (3 of 10)
--   04 Umbrella       50 %, admins activated long ago: due a weekly digest
--   05 Hooli          80 %, but its admins cannot be read: the LMS stand-in answers 500
--   06 Soylent        100 %, but auto-assign is off (null): never looked at
INSERT INTO subscriptions_customeragreement VALUES
    ('a0000000000040008000000000000001', 'e0000000000040008000000000000001', 'acme', 'Acme Learning'),
    ('a0000000000040008000000000000002', 'e0000000000040008000000000000002', 'globex', 'Globex'),
    ('a0000000000040008000000000000003', 'e0000000000040008000000000000003', 'initech', 'Initech'),
    ('a0000000000040008000000000000004', 'e0000000000040008000000000000004', 'umbrella', 'Umbrella Academy'),
    ('a0000000000040008000000000000005', 'e0000000000040008000000000000005', 'hooli', 'Hooli'),
    ('a0000000000040008000000000000006', 'e0000000000040008000000000000006', 'soylent', 'Soylent');

INSERT INTO subscriptions_subscriptionplan VALUES
    ('b0000000000040008000000000000001', 'Acme Learning 2020-2099', TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, TRUE, 'a0000000000040008000000000000001'),
    ('b0000000000040008000000000000002', 'Globex all staff',         TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, TRUE, 'a0000000000040008000000000000002'),
    ('b0000000000040008000000000000003', 'Initech pilot',            TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, TRUE, 'a0000000000040008000000000000003'),
    ('b0000000000040008000000000000004', 'Umbrella Academy plan',    TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, TRUE, 'a0000000000040008000000000000004'),
    ('b0000000000040008000000000000005', 'Hooli engineering',        TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, TRUE, 'a0000000000040008000000000000005'),
    ('b0000000000040008000000000000006', 'Soylent manual plan',      TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2099-12-31 00:00:00', TRUE, NULL, 'a0000000000040008000000000000006');

-- seats: (plan, status, how many); random uuids are fine, nothing refers to a license
INSERT INTO subscriptions_license (uuid, status, subscription_plan_id)
SELECT LOWER(REPLACE(CAST(RANDOM_UUID() AS VARCHAR), '-', '')), s.status, s.plan
FROM (VALUES
        ('b0000000000040008000000000000001', 'activated', 10),
        ('b0000000000040008000000000000001', 'assigned', 5),
        ('b0000000000040008000000000000001', 'unassigned', 5),
        ('b0000000000040008000000000000001', 'revoked', 2),
        ('b0000000000040008000000000000002', 'activated', 6),
        ('b0000000000040008000000000000002', 'assigned', 4),
        ('b0000000000040008000000000000002', 'revoked', 1),
        ('b0000000000040008000000000000003', 'activated', 2),
        ('b0000000000040008000000000000003', 'assigned', 1),
        ('b0000000000040008000000000000003', 'unassigned', 7),
        ('b0000000000040008000000000000004', 'activated', 1),
        ('b0000000000040008000000000000004', 'assigned', 1),
        ('b0000000000040008000000000000004', 'unassigned', 2),
        ('b0000000000040008000000000000005', 'activated', 4),
        ('b0000000000040008000000000000005', 'unassigned', 1),
        ('b0000000000040008000000000000006', 'activated', 10)
     ) AS s(plan, status, n)
JOIN SYSTEM_RANGE(1, 10) r ON r.X <= s.n;
