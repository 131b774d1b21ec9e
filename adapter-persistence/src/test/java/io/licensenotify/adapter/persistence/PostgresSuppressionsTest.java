package io.licensenotify.adapter.persistence;

class PostgresSuppressionsTest extends SuppressionsOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.POSTGRES;
    }
}
