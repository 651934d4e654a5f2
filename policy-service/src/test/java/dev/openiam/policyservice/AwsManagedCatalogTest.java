package dev.openiam.policyservice;

import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyKind;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.common.PolicyDocuments;
import dev.openiam.policyservice.policy.domain.AwsManagedPolicies;
import dev.openiam.policyservice.policy.domain.AwsManagedPolicy;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed catalog resource: well-formed entries, and documents the engine accepts. */
class AwsManagedCatalogTest {

    @Test
    void everyEntryIsWellFormedAndItsDocumentIsValid() {
        AwsManagedPolicies catalog = new AwsManagedPolicies();
        assertThat(catalog.all()).extracting(AwsManagedPolicy::name).contains("AdministratorAccess", "PowerUserAccess",
                "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword");
        Set<String> ids = new HashSet<>();
        for (AwsManagedPolicy p : catalog.all()) {
            assertThat(p.arn()).isEqualTo("arn:aws:iam::aws:policy" + p.path() + p.name());
            assertThat(p.policyId()).matches("ANPA[A-Z2-7]{16}");
            assertThat(ids.add(p.policyId())).as("unique id of " + p.name()).isTrue();
            assertThat(p.defaultVersionId()).matches("v[1-9][0-9]*");
            assertThat(p.createDate()).isBeforeOrEqualTo(p.updateDate());
            // AWS-managed documents are not held to the customer limit (ReadOnlyAccess is far larger)
            PolicyEngine.compile(p.arn(), p.document(), PolicyType.IDENTITY, PolicyKind.AWS_MANAGED);
        }
        AwsManagedPolicy readOnly = catalog.find("arn:aws:iam::aws:policy/ReadOnlyAccess").orElseThrow();
        assertThat(PolicyDocuments.size(readOnly.document())).isGreaterThan(PolicyKind.MANAGED.maxCharacters());
    }
}
