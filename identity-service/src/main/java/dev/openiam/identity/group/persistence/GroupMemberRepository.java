package dev.openiam.identity.group.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class GroupMemberRepository implements PanacheRepositoryBase<GroupMemberEntity, GroupMemberEntity.Key> {

    public Uni<Long> countGroupsOf(String userId) {
        return count("userId", userId);
    }

    public Uni<Long> countMembersOf(String groupId) {
        return count("groupId", groupId);
    }

    public Uni<GroupMemberEntity> find(String groupId, String userId) {
        return findById(new GroupMemberEntity.Key(groupId, userId));
    }
}
