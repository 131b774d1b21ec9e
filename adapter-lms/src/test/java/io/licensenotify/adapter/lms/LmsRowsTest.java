package io.licensenotify.adapter.lms;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.licensenotify.domain.Admin;
import io.licensenotify.domain.Enterprise;
import io.licensenotify.domain.SkipReason;
import io.licensenotify.ports.out.AdminLookupException;
import io.licensenotify.ports.out.AdminRoster;
import io.licensenotify.ports.out.AdminRoster.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.licensenotify.adapter.lms.Lms.ENTERPRISE;
import static io.licensenotify.adapter.lms.Lms.TOKEN;
import static io.licensenotify.adapter.lms.Lms.admin;
import static io.licensenotify.adapter.lms.Lms.firstPage;
import static io.licensenotify.adapter.lms.Lms.learner;
import static io.licensenotify.adapter.lms.Lms.link;
import static io.licensenotify.adapter.lms.Lms.page;
import static io.licensenotify.adapter.lms.Lms.pageJson;
import static io.licensenotify.adapter.lms.Lms.row;
import static io.licensenotify.adapter.lms.Lms.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * One bad row costs one admin; the activation is the ECU's {@code created} only; and a row counts only when it is of the enterprise asked about and, where the LMS says, has the admin role (docs/operating.md "The LMS service user").
 */
class LmsRowsTest {
    private static final Enterprise OTHER = Enterprise.of(UUID.fromString("0b7ee1f2-0000-4000-8000-00000000beef"),
            "Hooli", "hooli");

    @RegisterExtension
    static WireMockExtension lms = Lms.server();

    private LmsAdmins admins;

    @BeforeEach
    void lmsWithAToken() {
        Lms.stubToken(lms);
        admins = new LmsAdmins(Lms.settings(lms).build());
    }

    @Test
    void rowsThatCannotBeReadCostOnlyTheirAdminAndNameTheirEcu() {
        stubOnePage(admin(11, 101),
                "{\"enterprise_customer\":{\"uuid\":\"" + ENTERPRISE.uuid() + "\"},\"user\":" + user(102, "") + "}",
                learner(13, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"", "\"user103@example.com\""),
                learner(14, "\"active\":true,\"created\":\"yesterday\"", user(104, "")),
                learner(15, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"", "{\"username\":\"nobody\"}"),
                learner(16, "\"active\":true,\"created\":\"2024-03-01T10:15:30Z\"", "[1, 2]"),
                "{\"id\":18,\"enterprise_customer\":{\"uuid\":\"" + ENTERPRISE.uuid() + "\"},\"created\":null}",
                "\"not a row\"",
                admin(17, 107));

        AdminRoster roster = admins.of(ENTERPRISE);

        assertThat(roster.admins()).extracting(Admin::ecuId).containsExactly(11L, 17L);
        assertThat(roster.unreadable()).extracting(Rejected::ecuId)
                .containsExactly(Optional.empty(), Optional.of(13L), Optional.of(14L), Optional.of(15L),
                        Optional.of(16L), Optional.of(18L), Optional.empty());
        assertThat(roster.unreadable()).extracting(Rejected::detail).satisfiesExactly(
                d -> assertThat(d).contains("'id'"),
                d -> assertThat(d).contains("'user'").contains("no object"),
                d -> assertThat(d).contains("'created'"),
                d -> assertThat(d).contains("'user.id'"),
                d -> assertThat(d).contains("'user'").contains("no object"),
                d -> assertThat(d).contains("lacks the field 'user'"),
                d -> assertThat(d).contains("no object"));
        assertThat(roster.unreadable()).allSatisfy(r -> assertThat(r.reason()).isEmpty())
                .allSatisfy(r -> assertThat(r.detail()).doesNotContain("@example.com"));
    }

    @Test
    void theActivationIsTheEcuCreationAndNeverTheUsersDateJoined() {
        stubOnePage(learner(11, "\"active\":true",
                        user(101, ",\"is_active\":true,\"date_joined\":\"2021-07-04T12:00:00.5+02:00\"")),
                learner(12, "\"active\":true,\"created\":null", user(102, "")),
                learner(13, "\"active\":true,\"created\":\"2024-03-01T10:15:30.5+02:00\"", user(103, "")),
                learner(14, "\"active\":true,\"created\":\"2024-03-01T10:15:30.123456\"", user(104, "")));

        assertThat(admins.of(ENTERPRISE).admins()).extracting(Admin::ecuId, Admin::activatedAt).containsExactly(
                tuple(11L, Optional.empty()),
                tuple(12L, Optional.empty()),
                tuple(13L, Optional.of(Instant.parse("2024-03-01T08:15:30.5Z"))),
                tuple(14L, Optional.of(Instant.parse("2024-03-01T10:15:30.123456Z"))));
    }

    @Test
    void rowsOfAnotherEnterpriseOrWithoutTheAdminRoleAreIgnoredAndNeverAdmins() {
        String ours = "\"enterprise_customer\":{\"uuid\":\"" + ENTERPRISE.uuid() + "\"},";
        String dashless = "\"enterprise_customer\":{\"uuid\":\""
                + ENTERPRISE.uuid().toString().replace("-", "").toUpperCase() + "\"},";
        String created = "\"created\":\"2024-03-01T10:15:30Z\"";
        stubOnePage(admin(11, 101),
                admin(OTHER, 12, 102),
                row(13, ours + "\"role_assignments\":[\"enterprise_learner\"]," + created, user(103, "")),
                row(14, dashless + created, user(104, "")),
                row(15, "\"role_assignments\":[\"enterprise_admin\"]," + created, user(105, "")),
                row(16, ours + "\"role_assignments\":[]," + created, user(106, "")),
                row(17, "\"enterprise_customer\":{\"uuid\":\"not-a-uuid\"}," + created, user(107, "")));

        AdminRoster roster = admins.of(ENTERPRISE);

        assertThat(roster.admins()).extracting(Admin::ecuId).containsExactly(11L, 14L);
        assertThat(roster.ignored()).extracting(r -> r.ecuId().orElseThrow(), r -> r.reason().orElseThrow())
                .containsExactly(tuple(12L, SkipReason.NOT_THIS_ENTERPRISE), tuple(13L, SkipReason.NOT_AN_ADMIN),
                        tuple(15L, SkipReason.NOT_THIS_ENTERPRISE), tuple(16L, SkipReason.NOT_AN_ADMIN),
                        tuple(17L, SkipReason.NOT_THIS_ENTERPRISE));
        assertThat(roster.unreadable()).isEmpty();
    }

    @Test
    void aPageOfWhichNoRowBelongsFailsTheEnterpriseSayingTheLmsIgnoredTheFilter() {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN)
                .willReturn(okJson(pageJson(link(lms, ENTERPRISE, 2), admin(11, 101), admin(12, 102)))));
        lms.stubFor(page(ENTERPRISE, 2).willReturn(okJson(pageJson(null, admin(OTHER, 13, 103),
                row(14, "\"enterprise_customer\":{\"uuid\":\"" + ENTERPRISE.uuid() + "\"},"
                        + "\"role_assignments\":[\"enterprise_learner\"]", user(104, ""))))));

        AdminLookupException e = catchThrowableOfType(AdminLookupException.class, () -> admins.of(ENTERPRISE));

        assertThat(e).isNotNull();
        assertThat(e.enterprise()).isEqualTo(ENTERPRISE.uuid());
        assertThat(e.isTransient()).isFalse();
        assertThat(e.isRunWide()).isFalse();
        assertThat(e.getMessage()).contains("ignored the filter").contains("staff").contains("page 2");
    }

    private void stubOnePage(String... results) {
        lms.stubFor(firstPage(ENTERPRISE, TOKEN).willReturn(okJson(pageJson(null, results))));
    }
}
