package dev.openiam.policy.catalog;

import java.util.List;
import java.util.Map;

/**
 * One service of the service authorization reference.
 *
 * @param prefix        the service prefix, e.g. {@code s3}
 * @param name          e.g. {@code Amazon S3}
 * @param actions       the actions, by lower-cased name
 * @param conditionKeys the condition keys the service defines
 * @param resourceArns  the ARN template of each resource type, by the type's name, e.g. {@code object} to
 *                      {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}
 * @param resourceTypeConditionKeys the condition keys of each resource type (valid with every action on it), by
 *                      the type's name, e.g. {@code user} to {@code aws:ResourceTag/${TagKey}} and {@code iam:ResourceTag/${TagKey}}
 */
public record ServiceInfo(String prefix, String name, Map<String, ActionInfo> actions,
                          List<ConditionKeyPattern> conditionKeys, Map<String, String> resourceArns,
                          Map<String, List<ConditionKeyPattern>> resourceTypeConditionKeys) {
}
