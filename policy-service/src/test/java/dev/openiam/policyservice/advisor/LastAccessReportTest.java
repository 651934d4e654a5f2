package dev.openiam.policyservice.advisor;

import dev.openiam.policyservice.advisor.domain.Access;
import dev.openiam.policyservice.advisor.domain.LastAccessReport;
import dev.openiam.policyservice.advisor.domain.ReportSubject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report from the services a subject's policies allow and the last accesses of its entities: the newest access per
 * service (by whom, where, how many entities), per action at ACTION_LEVEL; accesses of principals outside the report
 * ignored; a service nobody used listed without access.
 */
class LastAccessReportTest {

    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";
    private static final String MALLORY = "arn:aws:iam::111122223333:user/mallory";
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T10:00:00Z");

    /** A group of alice and bob. */
    private static final ReportSubject GROUP = new ReportSubject("arn:aws:iam::111122223333:group/devs", List.of(), List.of(
            new ReportSubject.Entity("USER", "AIDAALICE", "alice", "/", ALICE, List.of(ALICE)),
            new ReportSubject.Entity("USER", "AIDABOB", "bob", "/", BOB, List.of(BOB))));

    private static final List<Access> ACCESSES = List.of(
            new Access(ALICE, "iam", "GetUser", T1, "us-east-1"),
            new Access(BOB, "iam", "ListUsers", T2, "eu-west-1"),
            new Access(ALICE, "iam", "ListUsers", T1, "us-east-1"),
            new Access(BOB, "sts", "GetCallerIdentity", T1, "us-east-1"),
            new Access(MALLORY, "iam", "DeleteUser", T3, "us-east-1"));

    @Test
    void serviceLevel() {
        LastAccessReport report = LastAccessReport.build(LastAccessReport.SERVICE_LEVEL, List.of("cloudtrail", "iam"), GROUP, ACCESSES);

        assertThat(report.services()).extracting(LastAccessReport.Service::serviceNamespace).containsExactly("cloudtrail", "iam");
        LastAccessReport.Service cloudtrail = report.services().get(0);
        assertThat(cloudtrail.serviceName()).isEqualTo("AWS CloudTrail");
        assertThat(cloudtrail.lastAuthenticated()).isNull();
        assertThat(cloudtrail.totalAuthenticatedEntities()).isNull();
        LastAccessReport.Service iam = report.services().get(1);
        assertThat(iam.serviceName()).isEqualTo("AWS Identity and Access Management (IAM)");
        // mallory is no member: its later call does not count
        assertThat(iam.lastAuthenticated()).isEqualTo(T2);
        assertThat(iam.lastAuthenticatedEntity()).isEqualTo(BOB);
        assertThat(iam.lastAuthenticatedRegion()).isEqualTo("eu-west-1");
        assertThat(iam.totalAuthenticatedEntities()).isEqualTo(2);
        assertThat(iam.trackedActions()).isNull();
    }

    @Test
    void actionLevel() {
        LastAccessReport report = LastAccessReport.build(LastAccessReport.ACTION_LEVEL, List.of("iam"), GROUP, ACCESSES);

        assertThat(report.services().get(0).trackedActions()).containsExactly(
                new LastAccessReport.TrackedAction("GetUser", ALICE, T1, "us-east-1"),
                new LastAccessReport.TrackedAction("ListUsers", BOB, T2, "eu-west-1"));
    }

    @Test
    void eachEntityWithItsLastAccessPerService() {
        LastAccessReport report = LastAccessReport.build(LastAccessReport.SERVICE_LEVEL, List.of("iam", "sts"), GROUP, ACCESSES);

        assertThat(report.entities()).hasSize(2);
        assertThat(report.entities().get(0).entity().arn()).isEqualTo(ALICE);
        assertThat(report.entities().get(0).lastAuthenticated()).containsOnly(java.util.Map.entry("iam", T1));
        assertThat(report.entities().get(1).lastAuthenticated()).containsOnly(java.util.Map.entry("iam", T2), java.util.Map.entry("sts", T1));
    }
}
