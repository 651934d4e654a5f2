package dev.openiam.identity.tag;

import dev.openiam.model.rules.Rules;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** TagX / UntagX for every taggable entity: validate, change the tag set, emit the entity's tags-changed event. */
@ApplicationScoped
public class Tagging {

    /** The entity being tagged: its unique id, and the event that announces its new tag set. */
    public record Target(String resourceId, Function<List<Tag>, IdentityEvent> changed) {
    }

    private final AccountWrites writes;
    private final TagStore tags;

    public Tagging(AccountWrites writes, TagStore tags) {
        this.writes = writes;
        this.tags = tags;
    }

    public Uni<Committed<List<Tag>>> tag(String accountId, String actor, Supplier<Uni<Target>> target, List<Tag> tagList) {
        List<Tag> valid = Rules.tags(tagList);
        if (valid.isEmpty()) {
            Rules.required("tags", null);
        }
        return writes.write(accountId, actor, change -> target.get().chain(entity ->
                tags.tag(accountId, entity.resourceId(), valid).call(result -> change.emit(entity.changed().apply(result)))));
    }

    public Uni<Committed<List<Tag>>> untag(String accountId, String actor, Supplier<Uni<Target>> target, List<String> keys) {
        Rules.required("tagKeys", keys);
        keys.forEach(key -> Rules.tagKey("tagKeys.member", key));
        return writes.write(accountId, actor, change -> target.get().chain(entity ->
                tags.untag(accountId, entity.resourceId(), keys).call(result -> change.emit(entity.changed().apply(result)))));
    }
}
