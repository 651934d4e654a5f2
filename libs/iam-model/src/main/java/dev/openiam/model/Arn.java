package dev.openiam.model;

import java.util.regex.Pattern;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account-id:resource}.
 * The resource part may itself contain colons and slashes; region and account may be empty
 * (IAM ARNs have no region, {@code arn:aws:iam::aws:policy/…} has the account {@code aws}).
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REGION = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d+)?");
    private static final Pattern ACCOUNT = Pattern.compile("(\\d{12}|aws)?");

    public Arn {
        check(partition != null && PARTITION.matcher(partition).matches(), "partition", partition);
        check(service != null && SERVICE.matcher(service).matches(), "service", service);
        check(region != null && REGION.matcher(region).matches(), "region", region);
        check(account != null && ACCOUNT.matcher(account).matches(), "account", account);
        check(resource != null && !resource.isEmpty(), "resource", resource);
    }

    private static void check(boolean ok, String part, String value) {
        if (!ok) {
            throw IamException.validation("invalid " + part + " `" + value + "` in arn");
        }
    }

    /** Parses {@code text}; throws a {@code ValidationError} naming the bad part. */
    public static Arn parse(String text) {
        if (text == null) {
            throw IamException.validation("arn must not be null");
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn")) {
            throw IamException.validation("`" + text + "` is not an arn of the form arn:partition:service:region:account:resource");
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IamException e) {
            return false;
        }
    }

    /** An IAM ARN, {@code arn:aws:iam::<account>:<resource>}. */
    public static Arn iam(AccountId account, String resource) {
        return new Arn("aws", "iam", "", account.value(), resource);
    }

    /** An IAM entity ARN: {@code <type><path><name>}, e.g. {@code user/division/alice}. */
    public static Arn iamEntity(AccountId account, String type, String path, String name) {
        return iam(account, type + path + name);
    }

    /** The ARN of an account's root user. */
    public static Arn root(AccountId account) {
        return iam(account, "root");
    }

    @Override
    public String toString() {
        return "arn:" + partition + ':' + service + ':' + region + ':' + account + ':' + resource;
    }
}
