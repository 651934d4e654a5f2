package dev.openiam.model;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessKeyIdsTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void anIdCarriesItsAccountAndStaysAWellFormedId() {
        Set<String> ids = new HashSet<>();
        for (String account : new String[] {"000000000000", "123456789012", "999999999999", "111122223333"}) {
            for (int i = 0; i < 200; i++) {
                String id = AccessKeyIds.newId(EntityType.TEMPORARY_ACCESS_KEY, account, random);
                assertThat(EntityType.TEMPORARY_ACCESS_KEY.isValid(id)).as(id).isTrue();
                assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, id)).isEqualTo(account);
                ids.add(id);
            }
        }
        assertThat(ids).hasSize(800);
    }

    @Test
    void decodesAsAwsLaysItsIdsOut() {
        // made with Python's base64.b32encode over (account << 7 | 0x55) in 6 bytes and 4 more, decoded by the
        // widely published AWS algorithm (b32decode, first 6 bytes, mask 0x7fffffffff80, shift 7) to 123456789012
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, "ASIABZPUZDIKKXPK3PXP")).isEqualTo("123456789012");
    }

    @Test
    void malformedIdsAndIdsOfAnotherTypeCarryNothing() {
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, "AKIABZPUZDIKKXPK3PXP")).isNull();
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, "ASIA0000")).isNull();
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, null)).isNull();
        // all ones: more than 12 digits' worth
        assertThat(AccessKeyIds.accountOf(EntityType.TEMPORARY_ACCESS_KEY, "ASIA7777777777777777")).isNull();
    }
}
