package io.licensenotify.adapter.persistence;

class MariaDbDigestMigrationTest extends DigestMigrationOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
