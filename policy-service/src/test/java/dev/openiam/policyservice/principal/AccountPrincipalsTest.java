package dev.openiam.policyservice.principal;

import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection moves one revision at a time and notices gaps. */
class AccountPrincipalsTest {

    static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");

    @Test
    void appliesEventsInRevisionOrder() {
        AccountPrincipals account = new AccountPrincipals("111122223333", 4);
        assertThat(account.apply(5, new IdentityEvent.UserCreated("AIDA1", "alice", "/", "arn:aws:iam::111122223333:user/alice",
                NOW, List.of(new Tag("team", "core"))))).isTrue();
        assertThat(account.apply(6, new IdentityEvent.GroupCreated("AGPA1", "devs", "/", "arn:aws:iam::111122223333:group/devs", NOW)))
                .isTrue();
        assertThat(account.apply(7, new IdentityEvent.UserAddedToGroup("AGPA1", "devs", "AIDA1", "alice"))).isTrue();
        assertThat(account.revision()).isEqualTo(7);
        assertThat(account.userByName("ALICE").groupIds()).containsExactly("AGPA1");
        assertThat(account.userByName("alice").tags()).containsExactly(new Tag("team", "core"));

        assertThat(account.apply(8, new IdentityEvent.UserUpdated("AIDA1", "alice", "alicia", "/x/", "arn:aws:iam::111122223333:user/x/alicia")))
                .isTrue();
        assertThat(account.userByName("alice")).isNull();
        assertThat(account.userByName("alicia").groupIds()).containsExactly("AGPA1");
        assertThat(account.apply(9, new IdentityEvent.UserRemovedFromGroup("AGPA1", "devs", "AIDA1", "alicia"))).isTrue();
        assertThat(account.userByName("alicia").groupIds()).isEmpty();
        assertThat(account.apply(10, new IdentityEvent.UserDeleted("AIDA1", "alicia", "arn"))).isTrue();
        assertThat(account.userByName("alicia")).isNull();
    }

    @Test
    void ignoresWhatItHasAndRefusesGaps() {
        AccountPrincipals account = new AccountPrincipals("111122223333", 4);
        assertThat(account.apply(3, new IdentityEvent.GroupDeleted("AGPA1", "devs", "arn"))).isTrue();
        assertThat(account.revision()).isEqualTo(4);
        assertThat(account.apply(6, new IdentityEvent.RoleCreated("AROA1", "app", "/", "arn:aws:iam::111122223333:role/app", NOW,
                "{}", null, 3600, List.of()))).as("revision 5 is missing").isFalse();
        assertThat(account.roleByName("app")).isNull();
        assertThat(account.revision()).isEqualTo(4);
    }

    @Test
    void rolesKeepTagsAndSessionDuration() {
        AccountPrincipals account = new AccountPrincipals("111122223333", 0);
        account.apply(1, new IdentityEvent.RoleCreated("AROA1", "app", "/", "arn:aws:iam::111122223333:role/app", NOW, "{}", null,
                3600, List.of()));
        account.apply(2, new IdentityEvent.RoleTagsChanged("AROA1", "app", "arn:aws:iam::111122223333:role/app",
                List.of(new Tag("env", "prod"))));
        account.apply(3, new IdentityEvent.RoleUpdated("AROA1", "app", "arn:aws:iam::111122223333:role/app", "d", 7200));
        assertThat(account.roleByName("APP").tags()).containsExactly(new Tag("env", "prod"));
        assertThat(account.roleByName("app").maxSessionDuration()).isEqualTo(7200);
    }
}
