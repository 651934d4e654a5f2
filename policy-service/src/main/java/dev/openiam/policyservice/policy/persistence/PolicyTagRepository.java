package dev.openiam.policyservice.policy.persistence;

import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.rules.Rules;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags of customer managed policies. Keys are case-insensitive: tagging with a key that exists in another
 * case replaces that tag (and keeps the new spelling), as IAM does.
 */
@ApplicationScoped
public class PolicyTagRepository implements PanacheRepositoryBase<PolicyTagEntity, Long> {

    public Uni<List<Tag>> tagsOf(String policyId) {
        return find("policyId = ?1 order by position", policyId).list()
                .map(rows -> rows.stream().map(row -> new Tag(row.key, row.value)).toList());
    }

    /** Adds or replaces {@code tags} (already validated); returns the resulting tag set. */
    public Uni<List<Tag>> tag(String policyId, List<Tag> tags) {
        return tagsOf(policyId).chain(existing -> {
            Map<String, Tag> merged = new LinkedHashMap<>();
            existing.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            tags.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
            if (merged.size() > Rules.MAX_TAGS) {
                return Uni.createFrom().failure(IamException.limitExceeded(
                        "Cannot exceed quota for TagsPerResource: " + Rules.MAX_TAGS));
            }
            return replaceAll(policyId, new ArrayList<>(merged.values()));
        });
    }

    /** Removes the tags with these keys (case-insensitive; absent keys are ignored, like AWS). */
    public Uni<List<Tag>> untag(String policyId, List<String> keys) {
        List<String> lower = keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
        return tagsOf(policyId).chain(existing -> replaceAll(policyId,
                existing.stream().filter(tag -> !lower.contains(tag.key().toLowerCase(Locale.ROOT))).toList()));
    }

    public Uni<Long> deleteAll(String policyId) {
        return delete("policyId", policyId);
    }

    private Uni<List<Tag>> replaceAll(String policyId, List<Tag> tags) {
        // flush the deletes before the inserts, or the unique index on (policy_id, lower(key)) may see both
        return deleteAll(policyId).call(() -> getSession().chain(s -> s.flush())).chain(() -> {
            List<PolicyTagEntity> rows = new ArrayList<>(tags.size());
            for (int i = 0; i < tags.size(); i++) {
                PolicyTagEntity row = new PolicyTagEntity();
                row.policyId = policyId;
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
