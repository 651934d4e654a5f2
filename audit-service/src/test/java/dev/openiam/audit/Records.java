package dev.openiam.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.model.audit.AuditRecord;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Audit records for tests: IAM calls by a user of an account, at a given time. */
public final class Records {

    private Records() {
    }

    /** A fresh 12-digit account id, so that tests sharing a database do not see each other's records. */
    public static String account() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    /** {@code user} (key {@code accessKeyId}) called {@code eventName} on user {@code target} at {@code time}. */
    public static AuditRecord call(String account, String user, String accessKeyId, String eventName, String target, Instant time,
                                   boolean readOnly) {
        ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("userName", target);
        return new AuditRecord(null,
                AuditRecord.UserIdentity.iamUser(account, "AIDA" + user.toUpperCase(), "arn:aws:iam::" + account + ":user/" + user,
                        user, accessKeyId),
                time, "iam.amazonaws.com", eventName, "us-east-1", "203.0.113.9", "aws-cli/2.9.19", null, null, parameters, null,
                UUID.randomUUID().toString(), UUID.randomUUID(), readOnly,
                List.of(new AuditRecord.Resource(account, "AWS::IAM::User", "arn:aws:iam::" + account + ":user/" + target)),
                null, true, account, null);
    }
}
