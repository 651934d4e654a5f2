package dev.openiam.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTypeTest {

    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void newIdsCarryThePrefixAnd16Base32Characters(EntityType type) {
        String id = type.newId(random);
        assertThat(id).hasSize(20).startsWith(type.prefix()).matches("[A-Z]{4}[A-Z2-7]{16}");
        assertThat(type.isValid(id)).isTrue();
        assertThat(EntityType.ofId(id)).isEqualTo(type);
    }

    @Test
    void knowsAwsPrefixes() {
        assertThat(EntityType.USER.prefix()).isEqualTo("AIDA");
        assertThat(EntityType.GROUP.prefix()).isEqualTo("AGPA");
        assertThat(EntityType.ROLE.prefix()).isEqualTo("AROA");
        assertThat(EntityType.INSTANCE_PROFILE.prefix()).isEqualTo("AIPA");
        assertThat(EntityType.POLICY.prefix()).isEqualTo("ANPA");
        assertThat(EntityType.ACCESS_KEY.prefix()).isEqualTo("AKIA");
        assertThat(EntityType.TEMPORARY_ACCESS_KEY.prefix()).isEqualTo("ASIA");
    }

    @Test
    void rejectsMalformedIds() {
        assertThat(EntityType.USER.isValid("AIDAEXAMPLE")).isFalse();
        assertThat(EntityType.USER.isValid("AIDAabcdefghijklmnop")).isFalse();
        assertThat(EntityType.USER.isValid("AIDA0123456789ABCDEF")).isFalse(); // 0, 1, 8, 9 are not base32
        assertThat(EntityType.USER.isValid("AKIAIOSFODNN7EXAMPLE")).isFalse();
        assertThat(EntityType.ACCESS_KEY.isValid("AKIAIOSFODNN7EXAMPLE")).isTrue();
        assertThat(EntityType.ofId(null)).isNull();
    }
}
