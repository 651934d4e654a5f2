package dev.openiam.identity.role.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.openiam.model.rules.Rules;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

/**
 * What the foundation checks of a trust policy: AWS's characters, valid JSON with one object, and AWS's
 * size limit for role trust policies (2,048 characters not counting whitespace). The grammar comes with
 * the policy engine.
 */
final class TrustPolicyCheck {

    static final int MAX_SIZE = 2048;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TrustPolicyCheck() {
    }

    static String check(String field, String document) {
        Rules.policyCharacters(field, document);
        try (JsonParser parser = JSON.createParser(document)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || !node.isObject() || parser.nextToken() != null) {
                throw malformed();
            }
        } catch (JsonProcessingException e) {
            throw malformed();
        } catch (java.io.IOException e) {
            throw malformed();
        }
        long size = document.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (size > MAX_SIZE) {
            throw new IamException(ErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for ACLSizePerRole: " + MAX_SIZE);
        }
        return document;
    }

    private static IamException malformed() {
        return new IamException(ErrorCode.MALFORMED_POLICY_DOCUMENT, "This policy contains invalid Json");
    }
}
