package dev.openiam.policyservice;

import dev.openiam.model.event.EventCodec;
import dev.openiam.model.event.EventEnvelope;
import dev.openiam.model.event.PolicyEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static dev.openiam.policyservice.Iam.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every write's event reaches {@code iam.policy.v1}, keyed by account, once, in revision order, carrying documents. */
@QuarkusTest
class PolicyOutboxTest {

    @Test
    void eventsArriveOnTheTopicInRevisionOrder() {
        Iam iam = Iam.freshAccount();
        var alice = IdentityStandIn.user(iam.accountId(), "alice");
        var devs = IdentityStandIn.group(iam.accountId(), "devs");
        var app = IdentityStandIn.role(iam.accountId(), "app");
        String arn = iam.arn("policy/Evented");
        iam.ok("CreatePolicy", "PolicyName", "Evented", "PolicyDocument", doc("s3:GetObject"),
                "Tags.member.1.Key", "a", "Tags.member.1.Value", "b");
        iam.ok("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", doc("s3:PutObject"), "SetAsDefault", "true");
        iam.ok("SetDefaultPolicyVersion", "PolicyArn", arn, "VersionId", "v1");
        iam.ok("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v2");
        iam.ok("UntagPolicy", "PolicyArn", arn, "TagKeys.member.1", "a");
        iam.ok("AttachUserPolicy", "UserName", "alice", "PolicyArn", arn);
        iam.ok("AttachGroupPolicy", "GroupName", "devs", "PolicyArn", arn);
        iam.ok("AttachRolePolicy", "RoleName", "app", "PolicyArn", arn);
        iam.ok("DetachUserPolicy", "UserName", "alice", "PolicyArn", arn);
        iam.ok("DetachGroupPolicy", "GroupName", "devs", "PolicyArn", arn);
        iam.ok("DetachRolePolicy", "RoleName", "app", "PolicyArn", arn);
        iam.ok("PutUserPolicy", "UserName", "alice", "PolicyName", "i", "PolicyDocument", doc("ec2:*"));
        iam.ok("PutGroupPolicy", "GroupName", "devs", "PolicyName", "i", "PolicyDocument", doc("ec2:*"));
        iam.ok("PutRolePolicy", "RoleName", "app", "PolicyName", "i", "PolicyDocument", doc("ec2:*"));
        iam.ok("DeleteUserPolicy", "UserName", "alice", "PolicyName", "i");
        iam.ok("DeleteGroupPolicy", "GroupName", "devs", "PolicyName", "i");
        iam.ok("DeleteRolePolicy", "RoleName", "app", "PolicyName", "i");
        iam.ok("PutUserPermissionsBoundary", "UserName", "alice", "PermissionsBoundary", arn);
        iam.ok("PutRolePermissionsBoundary", "RoleName", "app", "PermissionsBoundary", arn);
        iam.ok("DeleteUserPermissionsBoundary", "UserName", "alice");
        iam.ok("DeleteRolePermissionsBoundary", "RoleName", "app");
        iam.ok("DeletePolicy", "PolicyArn", arn);
        long last = iam.revision();
        assertThat(last).isEqualTo(22);

        List<EventEnvelope> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(PolicyEvent.TOPIC));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(iam.accountId())) {
                        events.add(EventCodec.decode(record.value()));
                    }
                }
                return events.size() >= last;
            });
            for (int i = 0; i < 3; i++) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(iam.accountId())) {
                        events.add(EventCodec.decode(record.value()));
                    }
                });
            }
        }
        assertThat(events).extracting(EventEnvelope::revision).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
        assertThat(events).extracting(EventEnvelope::type).containsExactly("PolicyCreated", "PolicyVersionCreated",
                "DefaultPolicyVersionSet", "PolicyVersionDeleted", "PolicyTagsChanged", "UserPolicyAttached",
                "GroupPolicyAttached", "RolePolicyAttached", "UserPolicyDetached", "GroupPolicyDetached", "RolePolicyDetached",
                "UserInlinePolicyPut", "GroupInlinePolicyPut", "RoleInlinePolicyPut", "UserInlinePolicyDeleted",
                "GroupInlinePolicyDeleted", "RoleInlinePolicyDeleted", "UserPermissionsBoundaryPut", "RolePermissionsBoundaryPut",
                "UserPermissionsBoundaryDeleted", "RolePermissionsBoundaryDeleted", "PolicyDeleted");
        assertThat(events).allMatch(e -> e.actor().equals(iam.callerArn()));
        PolicyEvent.PolicyCreated created = (PolicyEvent.PolicyCreated) events.get(0).payload();
        assertThat(created.document()).isEqualTo(doc("s3:GetObject"));
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(((PolicyEvent.DefaultPolicyVersionSet) events.get(2).payload()).document()).isEqualTo(doc("s3:GetObject"));
        assertThat(events.get(5).payload()).isEqualTo(new PolicyEvent.UserPolicyAttached("alice", alice.id(), arn));
        assertThat(events.get(6).payload()).isEqualTo(new PolicyEvent.GroupPolicyAttached("devs", devs.id(), arn));
        assertThat(events.get(13).payload()).isEqualTo(new PolicyEvent.RoleInlinePolicyPut("app", app.id(), "i", doc("ec2:*")));
        assertThat(events.get(17).payload()).isEqualTo(new PolicyEvent.UserPermissionsBoundaryPut("alice", alice.id(), arn,
                doc("s3:GetObject")));
    }

    private static KafkaConsumer<String, String> consumer() {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "policy-outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }
}
