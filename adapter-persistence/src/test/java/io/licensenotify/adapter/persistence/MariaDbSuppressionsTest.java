package io.licensenotify.adapter.persistence;

class MariaDbSuppressionsTest extends SuppressionsOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
