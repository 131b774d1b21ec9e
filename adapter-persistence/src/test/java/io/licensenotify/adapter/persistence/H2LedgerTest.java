package io.licensenotify.adapter.persistence;

class H2LedgerTest extends LedgerOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
