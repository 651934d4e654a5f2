package dev.openiam.authorization;

/**
 * An entity an authorization needs to know as stored: named ({@code user} {@code alice}), by ARN
 * ({@code policy} {@code arn:aws:iam::…:policy/p}), or an access key by id (type {@code access-key}, whose
 * owner is the resource). Front doors resolve these with their own stores before asking for a decision.
 */
public record EntityRef(String type, String name, String arn) {

    public static final String ACCESS_KEY = "access-key";

    public static EntityRef named(String type, String name) {
        return new EntityRef(type, name, null);
    }

    public static EntityRef byArn(String type, String arn) {
        return new EntityRef(type, null, arn);
    }

    public static EntityRef accessKey(String accessKeyId) {
        return new EntityRef(ACCESS_KEY, accessKeyId, null);
    }
}
