package io.licensenotify.adapter.persistence;

class H2EnterprisesTest extends EnterprisesOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
