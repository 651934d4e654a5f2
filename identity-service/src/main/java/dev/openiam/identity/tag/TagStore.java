package dev.openiam.identity.tag;

import dev.openiam.model.rules.Rules;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags of any taggable entity, by its unique id. Keys are case-insensitive: tagging with a key that
 * exists in another case replaces that tag's value (and keeps the new spelling), as IAM does.
 */
@ApplicationScoped
public class TagStore implements PanacheRepositoryBase<TagEntity, Long> {

    public Uni<List<Tag>> tagsOf(String resourceId) {
        return find("resourceId = ?1 order by position", resourceId).list()
                .map(rows -> rows.stream().map(row -> new Tag(row.key, row.value)).toList());
    }

    /** Adds or replaces {@code tags} (already validated); returns the resulting tag set. */
    public Uni<List<Tag>> tag(String accountId, String resourceId, List<Tag> tags) {
        return tagsOf(resourceId).chain(existing -> {
            Map<String, Tag> merged = new LinkedHashMap<>();
            existing.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            tags.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            if (merged.size() > Rules.MAX_TAGS) {
                return Uni.createFrom().failure(IamException.limitExceeded(
                        "Cannot exceed quota for TagsPerResource: " + Rules.MAX_TAGS));
            }
            return replaceAll(accountId, resourceId, new ArrayList<>(merged.values()));
        });
    }

    /** Removes the tags with these keys (case-insensitive; absent keys are ignored, like AWS). */
    public Uni<List<Tag>> untag(String accountId, String resourceId, List<String> keys) {
        List<String> lower = keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
        return tagsOf(resourceId).chain(existing -> replaceAll(accountId, resourceId,
                existing.stream().filter(tag -> !lower.contains(tag.key().toLowerCase(Locale.ROOT))).toList()));
    }

    public Uni<Long> deleteAll(String resourceId) {
        return delete("resourceId", resourceId);
    }

    private Uni<List<Tag>> replaceAll(String accountId, String resourceId, List<Tag> tags) {
        return deleteAll(resourceId).chain(() -> {
            List<TagEntity> rows = new ArrayList<>(tags.size());
            for (int i = 0; i < tags.size(); i++) {
                TagEntity row = new TagEntity();
                row.accountId = accountId;
                row.resourceId = resourceId;
                row.key = tags.get(i).key();
                row.value = tags.get(i).value();
                row.position = i;
                rows.add(row);
            }
            return rows.isEmpty() ? Uni.createFrom().item(List.<Tag>of())
                    : persist(rows.stream()).replaceWith(List.copyOf(tags));
        });
    }
}
