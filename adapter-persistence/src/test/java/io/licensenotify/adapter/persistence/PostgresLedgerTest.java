package io.licensenotify.adapter.persistence;

class PostgresLedgerTest extends LedgerOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
