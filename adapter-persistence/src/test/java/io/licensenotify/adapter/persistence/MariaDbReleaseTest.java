package io.licensenotify.adapter.persistence;

class MariaDbReleaseTest extends ReleaseOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.MARIADB;
    }
}
