package io.licensenotify.adapter.persistence;

class H2DigestMigrationTest extends DigestMigrationOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
