package dev.openiam.authorization;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.model.Tag;
import dev.openiam.policy.catalog.ConditionKeyPattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every action served, each condition key the Service Authorization Reference lists for it (and its resource
 * types) is set whenever the request supplies it: a request that supplies everything, on stored entities that
 * have tags and a boundary, must carry every listed key but those no served request can supply.
 */
class ConditionKeysTest {

    private static final String ACCOUNT = "123456789012";
    private static final CallerRef CALLER = new CallerRef(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":user/caller");
    private static final String BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/boundary";
    private static final QueryRequest EVERYTHING = QueryRequest.of(Map.ofEntries(
            Map.entry("UserName", "alice"), Map.entry("GroupName", "devs"), Map.entry("RoleName", "app"),
            Map.entry("InstanceProfileName", "web"), Map.entry("PolicyName", "p"),
            Map.entry("PolicyArn", "arn:aws:iam::" + ACCOUNT + ":policy/p"),
            Map.entry("PolicySourceArn", "arn:aws:iam::" + ACCOUNT + ":user/alice"), Map.entry("AccessKeyId", "AKIAEXAMPLEEXAMPLE12"),
            Map.entry("NewUserName", "alice2"), Map.entry("NewGroupName", "devs2"), Map.entry("NewPath", "/new/"),
            Map.entry("Path", "/p/"), Map.entry("PermissionsBoundary", BOUNDARY), Map.entry("AWSServiceName", "ec2.amazonaws.com"),
            Map.entry("Tags.member.1.Key", "Stored"), Map.entry("Tags.member.1.Value", "yes"),
            Map.entry("TagKeys.member.1", "Removed"), Map.entry("VirtualMFADeviceName", "phone"),
            Map.entry("SerialNumber", "arn:aws:iam::" + ACCOUNT + ":mfa/phone"), Map.entry("Url", "https://idp.example.com"),
            Map.entry("OpenIDConnectProviderArn", "arn:aws:iam::" + ACCOUNT + ":oidc-provider/idp.example.com"),
            Map.entry("Arn", "arn:aws:iam::" + ACCOUNT + ":user/alice")));
    private static final Entity STORED = new Entity("arn:aws:iam::" + ACCOUNT + ":user/eng/alice", "/eng/", "alice",
            List.of(new Tag("team", "core")), BOUNDARY);

    @TestFactory
    Stream<DynamicTest> everyListedKeyIsSetWhenTheRequestSuppliesIt() {
        return IamAuthorizations.get().all().stream().map(action -> DynamicTest.dynamicTest(action.name(), () -> {
            Map<String, Object> context = action.checks(EVERYTHING, CALLER, ref -> STORED).get(0).context();
            for (ConditionKeyPattern key : action.conditionKeys()) {
                if (IamAuthorizations.NOT_SUPPLIED.containsKey(key.template())
                        || (action.creates() && key.template().endsWith(":ResourceTag/${TagKey}"))) {
                    continue; // a resource being created has no stored tags
                }
                assertThat(context.keySet()).as("%s sets %s", action.qualifiedName(), key.template())
                        .anySatisfy(k -> assertThat(key.matches(k)).isTrue());
            }
            assertThat(context.keySet()).as("%s sets only keys the reference lists for it", action.qualifiedName())
                    .allSatisfy(k -> assertThat(action.conditionKeys()).anySatisfy(key -> assertThat(key.matches(k)).isTrue()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> tagKeysAreWhatTheActionStoresOrRemoves() {
        return IamAuthorizations.get().all().stream()
                .filter(a -> a.conditionKeys().stream().anyMatch(k -> k.template().equals("aws:TagKeys")))
                .map(action -> DynamicTest.dynamicTest(action.name(), () -> {
                    Object keys = action.checks(EVERYTHING, CALLER, ref -> STORED).get(0).context().get("aws:TagKeys");
                    boolean stores = action.conditionKeys().stream().anyMatch(k -> k.template().equals("aws:RequestTag/${TagKey}"));
                    assertThat(keys).isEqualTo(List.of(stores ? "Stored" : "Removed"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> unusedNotSuppliedReasonsAreNotKept() {
        return IamAuthorizations.NOT_SUPPLIED.keySet().stream().map(key -> DynamicTest.dynamicTest(key, () ->
                assertThat(IamAuthorizations.get().all()).anySatisfy(a ->
                        assertThat(a.conditionKeys()).anySatisfy(k -> assertThat(k.template()).isEqualTo(key)))));
    }
}
