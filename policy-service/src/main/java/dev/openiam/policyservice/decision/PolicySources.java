package dev.openiam.policyservice.decision;

import java.util.List;
import java.util.Set;

/**
 * The policy documents that govern one principal, read from policy-service's tables at one revision.
 *
 * @param revision  the account's policy revision the read saw
 * @param identity  attached managed policies and inline policies of the principal and its groups
 * @param boundary  the permissions boundary, or {@code null}
 * @param policyArns every managed policy ARN the set depends on (attachments and boundary)
 */
public record PolicySources(long revision, List<Source> identity, Source boundary, Set<String> policyArns) {

    /**
     * One document: {@code id} names it in decisions (policy ARN, or {@code <principal ARN>/inline/<name>}),
     * {@code key} identifies this exact text for the compile cache.
     */
    public record Source(String id, String key, String document, boolean awsManaged) {
    }
}
