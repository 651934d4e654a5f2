package dev.openiam.identity.group.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A user's membership of a group. */
@Entity
@Table(name = "group_members")
@IdClass(GroupMemberEntity.Key.class)
public class GroupMemberEntity {

    @Id
    @Column(name = "group_id")
    public String groupId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "added_at")
    public Instant addedAt;

    public static class Key implements Serializable {
        public String groupId;
        public String userId;

        public Key() {
        }

        public Key(String groupId, String userId) {
            this.groupId = groupId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(groupId, key.groupId) && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }
}
