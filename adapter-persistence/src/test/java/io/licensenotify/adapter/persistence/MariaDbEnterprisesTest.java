package io.licensenotify.adapter.persistence;

class MariaDbEnterprisesTest extends EnterprisesOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
