package dev.openiam.model.event;

import dev.openiam.model.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");

    static List<IdentityEvent> oneOfEach() {
        List<Tag> tags = List.of(new Tag("team", "core"), new Tag("cost-center", ""));
        return List.of(
                new IdentityEvent.AccountCreated("123456789012", "arn:aws:iam::123456789012:root", NOW),
                new IdentityEvent.AccountAliasCreated("example-corp", null),
                new IdentityEvent.AccountAliasDeleted("example-corp"),
                new IdentityEvent.UserCreated("AIDAAAAAAAAAAAAAAAAA", "alice", "/", "arn:aws:iam::123456789012:user/alice", NOW, tags),
                new IdentityEvent.UserUpdated("AIDAAAAAAAAAAAAAAAAA", "alice", "alicia", "/x/", "arn:aws:iam::123456789012:user/x/alicia"),
                new IdentityEvent.UserDeleted("AIDAAAAAAAAAAAAAAAAA", "alice", "arn:aws:iam::123456789012:user/alice"),
                new IdentityEvent.UserTagsChanged("AIDAAAAAAAAAAAAAAAAA", "alice", "arn:aws:iam::123456789012:user/alice", tags),
                new IdentityEvent.GroupCreated("AGPAAAAAAAAAAAAAAAAA", "devs", "/", "arn:aws:iam::123456789012:group/devs", NOW),
                new IdentityEvent.GroupUpdated("AGPAAAAAAAAAAAAAAAAA", "devs", "ops", "/", "arn:aws:iam::123456789012:group/ops"),
                new IdentityEvent.GroupDeleted("AGPAAAAAAAAAAAAAAAAA", "devs", "arn:aws:iam::123456789012:group/devs"),
                new IdentityEvent.UserAddedToGroup("AGPAAAAAAAAAAAAAAAAA", "devs", "AIDAAAAAAAAAAAAAAAAA", "alice"),
                new IdentityEvent.UserRemovedFromGroup("AGPAAAAAAAAAAAAAAAAA", "devs", "AIDAAAAAAAAAAAAAAAAA", "alice"),
                new IdentityEvent.RoleCreated("AROAAAAAAAAAAAAAAAAA", "app", "/", "arn:aws:iam::123456789012:role/app", NOW,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "the app", 3600, tags),
                new IdentityEvent.RoleUpdated("AROAAAAAAAAAAAAAAAAA", "app", "arn:aws:iam::123456789012:role/app", null, 7200),
                new IdentityEvent.RoleTrustPolicyUpdated("AROAAAAAAAAAAAAAAAAA", "app", "arn:aws:iam::123456789012:role/app", "{}"),
                new IdentityEvent.RoleDeleted("AROAAAAAAAAAAAAAAAAA", "app", "arn:aws:iam::123456789012:role/app"),
                new IdentityEvent.RoleTagsChanged("AROAAAAAAAAAAAAAAAAA", "app", "arn:aws:iam::123456789012:role/app", List.of()),
                new IdentityEvent.InstanceProfileCreated("AIPAAAAAAAAAAAAAAAAA", "web", "/", "arn:aws:iam::123456789012:instance-profile/web", NOW, tags),
                new IdentityEvent.InstanceProfileDeleted("AIPAAAAAAAAAAAAAAAAA", "web", "arn:aws:iam::123456789012:instance-profile/web"),
                new IdentityEvent.RoleAddedToInstanceProfile("AIPAAAAAAAAAAAAAAAAA", "web", "AROAAAAAAAAAAAAAAAAA", "app"),
                new IdentityEvent.RoleRemovedFromInstanceProfile("AIPAAAAAAAAAAAAAAAAA", "web", "AROAAAAAAAAAAAAAAAAA", "app"),
                new IdentityEvent.AccessKeyCreated("AKIAAAAAAAAAAAAAAAAA", "AIDAAAAAAAAAAAAAAAAA", "alice", "Active", NOW),
                new IdentityEvent.AccessKeyUpdated("AKIAAAAAAAAAAAAAAAAA", null, null, "Inactive"),
                new IdentityEvent.AccessKeyDeleted("AKIAAAAAAAAAAAAAAAAA", "AIDAAAAAAAAAAAAAAAAA", "alice"),
                new IdentityEvent.LoginProfileCreated("AIDAAAAAAAAAAAAAAAAA", "alice", true, NOW),
                new IdentityEvent.LoginProfileUpdated("123456789012", null, true, false),
                new IdentityEvent.LoginProfileDeleted("AIDAAAAAAAAAAAAAAAAA", "alice"),
                new IdentityEvent.AccountPasswordPolicyUpdated(14, true, true, false, true, true, 90, null, false),
                new IdentityEvent.AccountPasswordPolicyDeleted());
    }

    @Test
    void everyIdentityEventRoundTrips() {
        List<IdentityEvent> events = new java.util.ArrayList<>(oneOfEach());
        events.addAll(MfaAndOidcEvents.oneOfEach());
        Set<String> covered = events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> all = Arrays.stream(IdentityEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(covered).as("the test covers every identity event").isEqualTo(all);

        long revision = 1;
        for (IdentityEvent event : events) {
            EventEnvelope envelope = EventEnvelope.of("123456789012", revision++, NOW, "arn:aws:iam::123456789012:root", event);
            String json = EventCodec.encode(envelope);
            assertThat(EventCodec.decode(json)).isEqualTo(envelope);
            assertThat(EventCodec.decodePayload(envelope.type(), EventCodec.encodePayload(event))).isEqualTo(event);
        }
    }

    @Test
    void encodesTypeVersionAndIsoDates() {
        EventEnvelope envelope = EventEnvelope.of("123456789012", 7, NOW, "system", oneOfEach().get(0));
        String json = EventCodec.encode(envelope);
        assertThat(json).contains("\"type\":\"AccountCreated\"", "\"version\":1", "\"revision\":7",
                "\"occurredAt\":\"2026-11-24T05:00:00Z\"");
    }

    @Test
    void ignoresUnknownPayloadFieldsFromNewerProducers() {
        String json = "{\"eventId\":\"0b0e1c8e-4a5e-4d8e-9e3e-000000000001\",\"type\":\"GroupDeleted\",\"version\":1,"
                + "\"accountId\":\"123456789012\",\"revision\":3,\"occurredAt\":\"2026-11-24T05:00:00Z\",\"actor\":\"system\","
                + "\"payload\":{\"groupId\":\"AGPAAAAAAAAAAAAAAAAA\",\"groupName\":\"devs\",\"arn\":\"a\",\"later\":42}}";
        assertThat(EventCodec.decode(json).payload())
                .isEqualTo(new IdentityEvent.GroupDeleted("AGPAAAAAAAAAAAAAAAAA", "devs", "a"));
    }

    @Test
    void rejectsUnknownTypesAndMalformedEnvelopes() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"Nope\",\"payload\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown event type `Nope`");
        assertThatThrownBy(() -> EventCodec.decode("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"GroupDeleted\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
    }

    @Test
    void decodesWhateverTheOrderOfTheEnvelopesFields() {
        String json = "{\"payload\":{\"groupId\":\"AGPAAAAAAAAAAAAAAAAA\",\"groupName\":\"devs\",\"arn\":\"a\"},"
                + "\"actor\":\"system\",\"occurredAt\":\"2026-11-24T05:00:00Z\",\"revision\":3,\"accountId\":\"123456789012\","
                + "\"version\":1,\"type\":\"GroupDeleted\",\"eventId\":\"0b0e1c8e-4a5e-4d8e-9e3e-000000000001\"}";
        EventEnvelope envelope = EventCodec.decode(json);
        assertThat(envelope.payload()).isEqualTo(new IdentityEvent.GroupDeleted("AGPAAAAAAAAAAAAAAAAA", "devs", "a"));
        assertThat(envelope.revision()).isEqualTo(3);
        assertThat(envelope.type()).isEqualTo("GroupDeleted");
    }

    @Test
    void rejectsAnEnvelopeWhoseFieldsAreNotWhatTheyMustBe() {
        String rest = "\"accountId\":\"123456789012\",\"revision\":3,\"occurredAt\":\"2026-11-24T05:00:00Z\","
                + "\"actor\":\"system\",\"eventId\":\"0b0e1c8e-4a5e-4d8e-9e3e-000000000001\"";
        String payload = "\"payload\":{\"groupId\":\"AGPAAAAAAAAAAAAAAAAA\",\"groupName\":\"devs\",\"arn\":\"a\"}";
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"GroupDeleted\"," + payload + ",\"type\":\"AccessKeyDeleted\","
                + rest + "}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type changes");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"GroupDeleted\",\"payload\":null," + rest + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no payload object");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":7," + payload + "," + rest + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`type` is missing");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"GroupDeleted\",\"payload\":{\"groupId\":[}," + rest + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed event");
    }
}
