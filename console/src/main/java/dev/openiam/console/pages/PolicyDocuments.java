package dev.openiam.console.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The policy documents the console writes (with Jackson). The trust policy the Create-role wizard writes for its trusted-entity choices, as AWS's console writes them: an AWS
 * service ({@code Service}: sts:AssumeRole), another account ({@code AWS}: the account's root, optionally with
 * {@code sts:ExternalId} and MFA required), web identity ({@code Federated}: sts:AssumeRoleWithWebIdentity with the
 * audience), or a custom document as typed.
 */
final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The AWS services the wizard offers, by the name shown and the service principal. */
    static final List<String[]> SERVICES = List.of(
            new String[]{"EC2", "ec2.amazonaws.com"},
            new String[]{"Lambda", "lambda.amazonaws.com"},
            new String[]{"ECS tasks", "ecs-tasks.amazonaws.com"},
            new String[]{"EKS pods", "pods.eks.amazonaws.com"});

    private PolicyDocuments() {
    }

    /**
     * Revoke a role's active sessions, as AWS's console does: deny everything to sessions issued before
     * {@code now} ({@code aws:TokenIssueTime}).
     */
    static String revokeOlderSessions(java.time.Instant now) {
        ObjectNode statement = statement("*");
        statement.put("Effect", "Deny");
        statement.put("Resource", "*");
        statement.putObject("Condition").putObject("DateLessThan").put("aws:TokenIssueTime", now.toString());
        return document(statement);
    }

    static String service(String servicePrincipal) {
        ObjectNode statement = statement("sts:AssumeRole");
        statement.putObject("Principal").put("Service", servicePrincipal);
        return document(statement);
    }

    static String account(String accountId, String externalId, boolean requireMfa) {
        ObjectNode statement = statement("sts:AssumeRole");
        statement.putObject("Principal").put("AWS", "arn:aws:iam::" + accountId + ":root");
        if ((externalId != null && !externalId.isBlank()) || requireMfa) {
            ObjectNode condition = statement.putObject("Condition");
            if (externalId != null && !externalId.isBlank()) {
                condition.putObject("StringEquals").put("sts:ExternalId", externalId.trim());
            }
            if (requireMfa) {
                condition.putObject("Bool").put("aws:MultiFactorAuthPresent", "true");
            }
        }
        return document(statement);
    }

    /** @param provider the OIDC provider's ARN; its host/path prefixes the audience key */
    static String webIdentity(String provider, String audience) {
        ObjectNode statement = statement("sts:AssumeRoleWithWebIdentity");
        statement.putObject("Principal").put("Federated", provider);
        if (audience != null && !audience.isBlank()) {
            String issuer = provider.substring(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length());
            statement.putObject("Condition").putObject("StringEquals").put(issuer + ":aud", audience.trim());
        }
        return document(statement);
    }

    private static ObjectNode statement(String action) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Effect", "Allow");
        statement.put("Action", action);
        return statement;
    }

    private static String document(ObjectNode statement) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        statements.add(statement);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(policy);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
