package dev.openiam.model.event;

import dev.openiam.model.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final String ARN = "arn:aws:iam::123456789012:policy/team/ReadLogs";
    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:Get*\",\"Resource\":\"*\"}]}";

    static List<PolicyEvent> oneOfEach() {
        List<Tag> tags = List.of(new Tag("team", "core"), new Tag("empty", ""));
        return List.of(
                new PolicyEvent.PolicyCreated(ARN, "ANPAAAAAAAAAAAAAAAAA", "ReadLogs", "/team/", "v1", DOC, "reads logs", NOW, tags),
                new PolicyEvent.PolicyCreated(ARN, "ANPAAAAAAAAAAAAAAAAA", "ReadLogs", "/", "v1", DOC, null, NOW, List.of()),
                new PolicyEvent.PolicyVersionCreated(ARN, "v2", DOC, true),
                new PolicyEvent.PolicyVersionDeleted(ARN, "v1"),
                new PolicyEvent.DefaultPolicyVersionSet(ARN, "v1", DOC),
                new PolicyEvent.PolicyDeleted(ARN, "ANPAAAAAAAAAAAAAAAAA", "ReadLogs"),
                new PolicyEvent.PolicyTagsChanged(ARN, tags),
                new PolicyEvent.UserPolicyAttached("alice", "AIDAAAAAAAAAAAAAAAAA", ARN),
                new PolicyEvent.UserPolicyDetached("alice", "AIDAAAAAAAAAAAAAAAAA", ARN),
                new PolicyEvent.GroupPolicyAttached("devs", "AGPAAAAAAAAAAAAAAAAA", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                new PolicyEvent.GroupPolicyDetached("devs", "AGPAAAAAAAAAAAAAAAAA", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                new PolicyEvent.RolePolicyAttached("app", "AROAAAAAAAAAAAAAAAAA", ARN),
                new PolicyEvent.RolePolicyDetached("app", "AROAAAAAAAAAAAAAAAAA", ARN),
                new PolicyEvent.UserInlinePolicyPut("alice", "AIDAAAAAAAAAAAAAAAAA", "inline", DOC),
                new PolicyEvent.UserInlinePolicyDeleted("alice", "AIDAAAAAAAAAAAAAAAAA", "inline"),
                new PolicyEvent.GroupInlinePolicyPut("devs", "AGPAAAAAAAAAAAAAAAAA", "inline", DOC),
                new PolicyEvent.GroupInlinePolicyDeleted("devs", "AGPAAAAAAAAAAAAAAAAA", "inline"),
                new PolicyEvent.RoleInlinePolicyPut("app", "AROAAAAAAAAAAAAAAAAA", "inline", DOC),
                new PolicyEvent.RoleInlinePolicyDeleted("app", "AROAAAAAAAAAAAAAAAAA", "inline"),
                new PolicyEvent.UserPermissionsBoundaryPut("alice", "AIDAAAAAAAAAAAAAAAAA", ARN, DOC),
                new PolicyEvent.UserPermissionsBoundaryDeleted("alice", "AIDAAAAAAAAAAAAAAAAA", ARN),
                new PolicyEvent.RolePermissionsBoundaryPut("app", "AROAAAAAAAAAAAAAAAAA", ARN, DOC),
                new PolicyEvent.RolePermissionsBoundaryDeleted("app", "AROAAAAAAAAAAAAAAAAA", ARN));
    }

    @Test
    void everyPolicyEventRoundTripsThroughTheEnvelopeAndThePayloadCodec() {
        List<PolicyEvent> events = oneOfEach();
        Set<String> covered = events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> all = Arrays.stream(PolicyEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(covered).as("the test covers every policy event").isEqualTo(all);

        long revision = 1;
        for (PolicyEvent event : events) {
            EventEnvelope envelope = EventEnvelope.of("123456789012", revision, NOW, "arn:aws:iam::123456789012:root", event);
            EventEnvelope decoded = EventCodec.decode(EventCodec.encode(envelope));
            assertThat(decoded).isEqualTo(envelope);
            assertThat(decoded.payload()).isInstanceOf(PolicyEvent.class).isEqualTo(event);
            assertThat(decoded.revision()).isEqualTo(revision++);

            String type = EventCodec.typeName(event.getClass());
            assertThat(EventCodec.decodePayload(type, EventCodec.encodePayload(event))).isEqualTo(event);
        }
    }

    @Test
    void policyEventTypesDoNotCollideWithIdentityEventTypes() {
        Set<String> identity = Arrays.stream(IdentityEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        Set<String> policy = Arrays.stream(PolicyEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(policy).doesNotContainAnyElementsOf(identity);
    }

    @Test
    void policyDocumentsKeepEveryCharacter() {
        String document = "{\r\n\t\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"\u00e9\", \"Effect\": \"Allow\","
                + " \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/\\\"q\\\"\"}]}";
        PolicyEvent event = new PolicyEvent.DefaultPolicyVersionSet(ARN, "v3", document);
        EventEnvelope envelope = EventEnvelope.of("123456789012", 9, NOW, "arn:aws:iam::123456789012:root", event);
        assertThat(((PolicyEvent.DefaultPolicyVersionSet) EventCodec.decode(EventCodec.encode(envelope)).payload()).document())
                .isEqualTo(document);
    }
}
