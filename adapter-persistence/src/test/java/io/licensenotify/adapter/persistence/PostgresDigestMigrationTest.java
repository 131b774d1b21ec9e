package io.licensenotify.adapter.persistence;

class PostgresDigestMigrationTest extends DigestMigrationOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
