package dev.openiam.authorization;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.ValidationErrors;

/**
 * How an action's resource ARN is derived. An existing entity is authorized as stored (its path, its letter
 * case); a name that does not exist, as the ARN it would have with path {@code /}.
 */
public sealed interface Resource {

    /** The entity to resolve first, or {@code null} when the ARN needs none. */
    EntityRef lookup(QueryRequest request, CallerRef caller);

    /** The ARN to authorize; {@code found} is the resolved {@link #lookup}, {@code null} if it does not exist. */
    String arn(QueryRequest request, CallerRef caller, Entity found);

    /** The entity whose stored tags and boundary give this resource's condition keys. */
    default Entity keysFrom(Entity found) {
        return found;
    }

    /** An existing entity named by a parameter, e.g. {@code user} by {@code UserName}. */
    record Named(String type, String parameter) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return EntityRef.named(type, required(request, parameter));
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            return found != null ? found.arn() : iam(caller, type + "/" + required(request, parameter));
        }
    }

    /** An entity being created: the ARN it will have, with the path it is created with. */
    record Created(String type, String parameter) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return null;
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            String path = request.string("Path");
            return iam(caller, type + (path == null ? "/" : path) + required(request, parameter));
        }
    }

    /**
     * An OpenID Connect provider being created: {@code oidc-provider/} and its URL without the scheme, the ARN AWS
     * gives it (CreateOpenIDConnectProvider).
     */
    record CreatedFromUrl(String type, String parameter) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return null;
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            String url = required(request, parameter);
            String hostAndPath = url.regionMatches(true, 0, "https://", 0, 8) ? url.substring(8) : url;
            // stored without a trailing slash: the ARN the provider will have
            return iam(caller, type + "/" + hostAndPath.replaceAll("/+$", ""));
        }
    }

    /** Access-key actions and GetUser act on {@code UserName}, or without it on the calling user. */
    record UserOrCaller() implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            String user = request.string("UserName");
            if (user == null && !caller.arn().startsWith("arn:aws:iam::")) {
                // a role or federated session is no user: there is no "self" to act on, and AWS says so before authorizing
                throw dev.openiam.model.IamException.validation("Must specify userName when calling with non-User credentials");
            }
            return user != null ? EntityRef.named("user", user) : EntityRef.byArn("user", caller.arn());
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            if (found != null) {
                return found.arn();
            }
            String user = request.string("UserName");
            return user == null ? caller.arn() : iam(caller, "user/" + user);
        }
    }

    /** An entity named by its ARN, e.g. a managed policy by {@code PolicyArn}. */
    record ByArn(String type, String parameter) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return EntityRef.byArn(type, required(request, parameter));
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            return found != null ? found.arn() : required(request, parameter);
        }
    }

    /** The user that owns the access key {@code parameter} names (GetAccessKeyLastUsed). */
    record KeyOwner(String parameter) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return EntityRef.accessKey(required(request, parameter));
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            return found != null ? found.arn() : iam(caller, "user/*");
        }
    }

    /**
     * The second resource of a rename (UpdateUser, UpdateGroup): the ARN the entity will have, from its stored
     * path and name where no new one is given. Present only when a new name or path is.
     */
    record Renamed(String type, String parameter, String newName, String newPath) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return EntityRef.named(type, required(request, parameter));
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            String path = request.string(newPath) != null ? request.string(newPath) : found != null ? found.path() : "/";
            String name = request.string(newName) != null ? request.string(newName)
                    : found != null ? found.name() : required(request, parameter);
            return iam(caller, type + path + name);
        }

        boolean applies(QueryRequest request) {
            return request.string(newName) != null || request.string(newPath) != null;
        }
    }

    /** Listing actions name the collection, e.g. {@code arn:aws:iam::<account>:user/} for ListUsers, as AWS does. */
    record Collection(String type) implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return null;
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            return iam(caller, type + "/");
        }
    }

    /** Actions on the account as a whole, and those the reference gives no resource type. */
    record Any() implements Resource {
        @Override
        public EntityRef lookup(QueryRequest request, CallerRef caller) {
            return null;
        }

        @Override
        public String arn(QueryRequest request, CallerRef caller, Entity found) {
            return "*";
        }
    }

    private static String required(QueryRequest request, String parameter) {
        String value = request.string(parameter);
        if (value == null) {
            throw ValidationErrors.missing(ValidationErrors.memberName(parameter));
        }
        return value;
    }

    private static String iam(CallerRef caller, String resource) {
        return "arn:aws:iam::" + caller.accountId() + ":" + resource;
    }
}
