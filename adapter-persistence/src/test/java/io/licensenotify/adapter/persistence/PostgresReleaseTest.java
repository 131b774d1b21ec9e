package io.licensenotify.adapter.persistence;

class PostgresReleaseTest extends ReleaseOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
