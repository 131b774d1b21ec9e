package io.licensenotify.adapter.persistence;

class PostgresEnterprisesTest extends EnterprisesOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
