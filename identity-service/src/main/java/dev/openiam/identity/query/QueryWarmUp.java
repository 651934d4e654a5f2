package dev.openiam.identity.query;

import dev.openiam.glue.warmup.UnknownKeyQueries;
import dev.openiam.glue.warmup.WarmUpRequests;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** identity-service's warm-up: the IAM front door's reads, as an access key that does not exist (see {@link UnknownKeyQueries}). */
@Singleton
public class QueryWarmUp implements WarmUpRequests {

    @Override
    public List<Request> requests(Instant now) {
        return UnknownKeyQueries.of("iam", QueryEndpoint.VERSION, List.of("GetUser", "ListUsers", "GetRole"), now);
    }
}
