package io.licensenotify.adapter.persistence;

class MariaDbLedgerTest extends LedgerOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
