package dev.openiam.identity.auth.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.identity.common.RestErrors;
import dev.openiam.model.IamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/**
 * The batch twin of an internal lookup ({@code PATH:batch}), for a front door under load that asks what its callers
 * asked meanwhile in one call: {@code {"requests": [...]}} of up to {@link #MAX_ITEMS} bodies of the single endpoint,
 * answered {@code {"results": [...]}} in the same order, each as the single endpoint answers it alone — its answer
 * ({@code status} 200, {@code answer}) or its error ({@code status}, the AWS {@code code}, {@code detail}). One item's
 * error leaves the others' answers; the token (checked before anything is read) binds the whole batch.
 */
public final class InternalBatches {

    /** The most requests in one batch. */
    public static final int MAX_ITEMS = 100;

    private InternalBatches() {
    }

    /** One item's answer: {@code answer} with status 200, or the error the single endpoint would have answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, Object answer, String code, String detail) {
    }

    public record Results(List<Result> results) {
    }

    /**
     * Each of {@code requests} answered by {@code lookup}, in order. ValidationError when there are none
     * or more than {@link #MAX_ITEMS}.
     */
    public static <T> Uni<Results> answer(List<T> requests, Function<T, Uni<?>> lookup) {
        if (requests == null || requests.isEmpty() || requests.size() > MAX_ITEMS) {
            throw IamException.validation("requests must hold 1 to " + MAX_ITEMS + " requests");
        }
        // one after the other: the items share the request's Hibernate Reactive session, which takes one query at a time,
        // and the account revisions it read first (read after every item was asked: read-your-writes holds for each)
        return Multi.createFrom().range(0, requests.size())
                .onItem().transformToUniAndConcatenate(i -> Uni.createFrom().deferred(() -> {
                            T request = requests.get(i);
                            if (request == null) {
                                throw IamException.validation("a request of the batch is null");
                            }
                            return lookup.apply(request);
                        })
                        .<Result>map(answer -> new Result(200, answer, null, null))
                        .onFailure().recoverWithItem(InternalBatches::error))
                .collect().asList().map(Results::new);
    }

    private static Result error(Throwable failure) {
        ClientError error = RestErrors.LOGGED.report(ClientError.of(failure), failure);
        return new Result(error.status(), null, error.code().awsCode(), error.message());
    }
}
