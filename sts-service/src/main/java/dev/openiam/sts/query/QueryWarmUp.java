package dev.openiam.sts.query;

import dev.openiam.glue.warmup.UnknownKeyQueries;
import dev.openiam.glue.warmup.WarmUpRequests;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * sts-service's warm-up: the STS front door's calls, as an access key that does not exist (see
 * {@link UnknownKeyQueries}); each goes to identity-service to be authenticated, as a caller's would.
 */
@Singleton
public class QueryWarmUp implements WarmUpRequests {

    @Override
    public List<Request> requests(Instant now) {
        return UnknownKeyQueries.of("sts", StsEndpoint.VERSION, List.of("AssumeRole", "GetCallerIdentity"), now);
    }
}
