package dev.openiam.policyservice.query;

import dev.openiam.awsprotocol.query.QueryXml.Element;
import dev.openiam.policyservice.policy.domain.ManagedPolicy;
import dev.openiam.policyservice.policy.domain.PolicyVersion;

/** botocore's {@code Policy} and {@code PolicyVersion} shapes as Query XML; documents URL-encoded as IAM writes them. */
public final class PolicyXml {

    private PolicyXml() {
    }

    public static void policy(Element e, ManagedPolicy p) {
        e.text("PolicyName", p.policyName()).text("PolicyId", p.policyId()).text("Arn", p.arn()).text("Path", p.path())
                .text("DefaultVersionId", p.defaultVersionId()).integer("AttachmentCount", p.attachmentCount())
                .integer("PermissionsBoundaryUsageCount", p.permissionsBoundaryUsageCount())
                .bool("IsAttachable", p.isAttachable()).text("Description", p.description())
                .date("CreateDate", p.createDate()).date("UpdateDate", p.updateDate());
        if (p.tags() != null && !p.tags().isEmpty()) {
            e.tags("Tags", p.tags());
        }
    }

    public static void version(Element e, PolicyVersion v) {
        e.urlEncodedText("Document", v.document()).text("VersionId", v.versionId())
                .bool("IsDefaultVersion", v.isDefaultVersion()).date("CreateDate", v.createDate());
    }
}
