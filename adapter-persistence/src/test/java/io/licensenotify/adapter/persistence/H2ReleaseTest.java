package io.licensenotify.adapter.persistence;

class H2ReleaseTest extends ReleaseOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
