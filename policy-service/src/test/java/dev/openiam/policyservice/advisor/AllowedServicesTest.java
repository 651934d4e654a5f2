package dev.openiam.policyservice.advisor;

import dev.openiam.policy.PolicyEngine;
import dev.openiam.policy.PolicyType;
import dev.openiam.policyservice.advisor.domain.AllowedServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which services a policy lists: what its Allow statements reach, as a table. */
class AllowedServicesTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "every action                      | Allow | \"*\"                                   | cloudtrail,iam,sts",
            "one service                       | Allow | \"iam:GetUser\"                         | iam",
            "several, in any case              | Allow | [\"IAM:Get*\",\"sts:GetCallerIdentity\"] | iam,sts",
            "a service not served, listed      | Allow | [\"s3:GetObject\",\"iam:ListUsers\"]     | iam,s3",
            "a wildcard namespace: served ones | Allow | \"*t*:Get*\"                             | cloudtrail,sts",
            "deny lists nothing                | Deny  | \"iam:*\"                               | ''",
    })
    void actions(String description, String effect, String actions, String expected) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":" + actions
                + ",\"Resource\":\"*\"}]}";
        assertThat(of(policy)).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
    }

    @ParameterizedTest(name = "NotAction {0}")
    @CsvSource(delimiter = '|', value = {
            "\"iam:*\"                   | cloudtrail,sts",
            "[\"iam:*\",\"sts:*\"]        | cloudtrail",
            "\"iam:DeleteUser\"          | cloudtrail,iam,sts",
            "\"*\"                       | ''",
    })
    void notAction(String notActions, String expected) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":" + notActions
                + ",\"Resource\":\"*\"}]}";
        assertThat(of(policy)).containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split(",")));
    }

    private static List<String> of(String policy) {
        return List.copyOf(AllowedServices.of(PolicyEngine.compile("p", policy, PolicyType.IDENTITY).document().statements()));
    }
}
