package io.licensenotify.ports.testing;

import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.Plan;
import io.licensenotify.ports.out.Enterprises;
import io.licensenotify.ports.out.EnterprisesContract;

import java.util.List;

/** The fake obeys the same contract as the SQL prefilter, so service tests on it mean something. */
class InMemoryEnterprisesTest extends EnterprisesContract {
    private final InMemoryEnterprises enterprises = new InMemoryEnterprises();

    @Override
    protected Enterprises enterprises() {
        return enterprises;
    }

    @Override
    protected void store(Enterprise enterprise, List<Plan> plans) {
        enterprises.add(enterprise, plans.toArray(Plan[]::new));
    }
}
