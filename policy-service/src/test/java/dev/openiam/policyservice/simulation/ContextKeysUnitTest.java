package dev.openiam.policyservice.simulation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's action matching and statement positions, without Quarkus. */
class ContextKeysUnitTest {

    @Test
    void actionsMatchWithWildcardsCaseInsensitively() {
        assertThat(ContextKeys.matches("s3:Get*", "s3:GetObject")).isTrue();
        assertThat(ContextKeys.matches("S3:get*", "s3:GetObject")).isTrue();
        assertThat(ContextKeys.matches("*", "iam:CreateUser")).isTrue();
        assertThat(ContextKeys.matches("s3:?etObject", "s3:GetObject")).isTrue();
        assertThat(ContextKeys.matches("s3:*Object", "s3:GetObjectAcl")).isFalse();
        assertThat(ContextKeys.matches("s3:Get*Acl", "s3:GetObjectAcl")).isTrue();
        assertThat(ContextKeys.matches("s3:GetObject", "s3:GetObjectAcl")).isFalse();
    }

    @Test
    void positionsFollowTheText() {
        var spans = StatementPositions.of("{\"Statement\":[{\"Effect\":\"Allow\"},\n {\"Effect\":\"Deny\"}]}");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).start()).isEqualTo(new EvaluationResult.Position(1, 16));
        assertThat(spans.get(0).end()).isEqualTo(new EvaluationResult.Position(1, 33));
        assertThat(spans.get(1).start()).isEqualTo(new EvaluationResult.Position(2, 3));
        assertThat(StatementPositions.of("not json")).isEmpty();
    }
}
