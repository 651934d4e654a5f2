package dev.openiam.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of valid policy documents and requests over a small vocabulary, so that random policies
 * and requests actually meet (actions, resources, principals and condition keys overlap).
 */
final class PolicyGen {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ACCT = "111122223333";
    static final String OTHER = "444455556666";
    static final String ALICE = "arn:aws:iam::" + ACCT + ":user/alice";
    static final String BOB = "arn:aws:iam::" + ACCT + ":user/bob";
    static final String ROLE = "arn:aws:iam::" + ACCT + ":role/app";
    static final String SESSION = "arn:aws:sts::" + ACCT + ":assumed-role/app/s1";
    static final String EXT_USER = "arn:aws:iam::" + OTHER + ":user/carol";

    static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:CreateUser",
            "iam:GetUser", "ec2:RunInstances", "sts:AssumeRole"};
    static final String[] ACTION_PATTERNS = {"s3:GetObject", "s3:PutObject", "s3:*", "s3:Get*", "*", "iam:*User",
            "ec2:?unInstances", "S3:getobject", "iam:GetUser", "sts:AssumeRole", "s3:List*"};
    static final String[] RESOURCES = {"arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/alice/x",
            "arn:aws:s3:::logs/x", "arn:aws:iam::" + ACCT + ":user/alice", "arn:aws:s3:::bucket",
            "arn:aws:ec2:us-east-1:" + ACCT + ":instance/i-1", "*"};
    static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::*",
            "arn:aws:iam::*:user/*", "arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:ec2:*:" + ACCT + ":instance/*",
            "arn:aws:s3:::bucket/key", "arn:aws:s3:::log?/x", "arn:aws:s3:::bucket"};
    static final String[][] CONDITIONS = {
            {"StringEquals", "aws:username", "alice"},
            {"StringNotEquals", "aws:username", "alice"},
            {"StringLike", "aws:PrincipalTag/team", "d*"},
            {"StringNotLikeIfExists", "aws:PrincipalTag/team", "d*"},
            {"StringEqualsIgnoreCase", "aws:PrincipalTag/team", "DEV"},
            {"IpAddress", "aws:SourceIp", "10.0.0.0/8"},
            {"NotIpAddress", "aws:SourceIp", "10.0.0.0/8"},
            {"ForAnyValue:StringEquals", "aws:TagKeys", "a"},
            {"ForAllValues:StringEquals", "aws:TagKeys", "a"},
            {"NumericLessThan", "s3:max-keys", "10"},
            {"NumericGreaterThanEqualsIfExists", "s3:max-keys", "5"},
            {"DateLessThan", "aws:CurrentTime", "2020-01-01T00:00:00Z"},
            {"Bool", "aws:SecureTransport", "true"},
            {"Null", "aws:TokenIssueTime", "true"},
            {"ArnLike", "aws:SourceArn", "arn:aws:sns:*:" + ACCT + ":*"},
            {"StringEquals", "s3:prefix", "${aws:username}/"},
    };
    static final Object[] PRINCIPALS = {"*", "AWS:" + ALICE, "AWS:" + ACCT, "AWS:" + ROLE, "AWS:" + OTHER,
            "AWS:" + SESSION, "AWS:" + EXT_USER, "Service:ec2.amazonaws.com", "AWS:*"};
    static final String[] CALLERS = {ALICE, BOB, SESSION, EXT_USER, "ec2.amazonaws.com", ""};

    final Random random;

    PolicyGen(long seed) {
        this.random = new Random(seed);
    }

    <T> T pick(T[] a) {
        return a[random.nextInt(a.length)];
    }

    /** A statement with a unique Sid; principal block only when {@code resourceStyle}. */
    ObjectNode statement(String sid, boolean resourceStyle, boolean deny) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("Sid", sid);
        s.put("Effect", deny ? "Deny" : "Allow");
        if (resourceStyle) {
            Object p = pick(PRINCIPALS);
            String field = random.nextInt(8) == 0 ? "NotPrincipal" : "Principal";
            if (p.equals("*")) {
                s.put(field, "*");
            } else {
                String[] kv = ((String) p).split(":", 2);
                s.putObject(field).put(kv[0], kv[1]);
            }
        }
        strings(s, random.nextInt(6) == 0 ? "NotAction" : "Action", ACTION_PATTERNS);
        strings(s, random.nextInt(8) == 0 ? "NotResource" : "Resource", RESOURCE_PATTERNS);
        int conditions = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
        if (conditions > 0) {
            ObjectNode c = s.putObject("Condition");
            for (int i = 0; i < conditions; i++) {
                String[] cond = pick(CONDITIONS);
                ObjectNode op = c.has(cond[0]) ? (ObjectNode) c.get(cond[0]) : c.putObject(cond[0]);
                op.put(cond[1], cond[2]);
            }
        }
        return s;
    }

    private void strings(ObjectNode s, String field, String[] pool) {
        int n = 1 + random.nextInt(2);
        if (n == 1 && random.nextBoolean()) {
            s.put(field, pick(pool));
        } else {
            ArrayNode a = s.putArray(field);
            for (int i = 0; i < n; i++) {
                a.add(pick(pool));
            }
        }
    }

    ObjectNode document(boolean resourceStyle, String sidPrefix) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("Version", "2012-10-17");
        ArrayNode st = d.putArray("Statement");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            st.add(statement(sidPrefix + i, resourceStyle, random.nextInt(4) == 0));
        }
        return d;
    }

    /** The documents of a random policy set, as JSON, keyed like the scenario files. */
    ObjectNode policies() {
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode identity = p.putArray("identity");
        int ids = random.nextInt(4);
        for (int i = 0; i < ids; i++) {
            identity.add(document(false, "I" + i + "S"));
        }
        if (random.nextInt(3) == 0) {
            p.set("permissionBoundary", document(false, "BS"));
        }
        if (random.nextInt(4) == 0) {
            p.putArray("session").add(document(false, "SS"));
        }
        if (random.nextInt(2) == 0) {
            p.set("resource", document(true, "RS"));
        }
        return p;
    }

    Request request() {
        RequestContext.Builder ctx = RequestContext.builder();
        if (random.nextBoolean()) {
            ctx.put("aws:username", random.nextBoolean() ? "alice" : "bob");
        }
        if (random.nextBoolean()) {
            ctx.put("aws:PrincipalTag/team", random.nextBoolean() ? "dev" : "ops");
        }
        if (random.nextBoolean()) {
            ctx.put("aws:SourceIp", random.nextBoolean() ? "10.1.2.3" : "192.0.2.1");
        }
        if (random.nextBoolean()) {
            List<String> keys = new ArrayList<>();
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                keys.add(random.nextBoolean() ? "a" : "b");
            }
            ctx.put("aws:TagKeys", keys);
        }
        if (random.nextBoolean()) {
            ctx.put("s3:max-keys", String.valueOf(random.nextInt(20)));
        }
        if (random.nextBoolean()) {
            ctx.put("aws:CurrentTime", random.nextBoolean() ? "2019-06-01T00:00:00Z" : "2021-06-01T00:00:00Z");
        }
        if (random.nextBoolean()) {
            ctx.put("aws:SecureTransport", random.nextBoolean() ? "true" : "false");
        }
        if (random.nextInt(4) == 0) {
            ctx.put("aws:TokenIssueTime", "2020-01-01T00:00:00Z");
        }
        if (random.nextInt(3) == 0) {
            ctx.put("s3:prefix", random.nextBoolean() ? "alice/" : "bob/");
        }
        String caller = pick(CALLERS);
        return Request.builder()
                .principal(caller)
                .action(pick(ACTIONS))
                .resource(pick(RESOURCES))
                .resourceAccount(random.nextInt(4) == 0 ? OTHER : ACCT)
                .context(ctx.build())
                .build();
    }
}
