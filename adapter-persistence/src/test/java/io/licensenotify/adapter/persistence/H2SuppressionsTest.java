package io.licensenotify.adapter.persistence;

class H2SuppressionsTest extends SuppressionsOnDatabase {
    @Override
    TestDatabase target() {
        return TestDatabase.H2;
    }
}
