package dev.openiam.policyservice.principal;

import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One account's users, groups and roles as policy-service projects them from identity-service: loaded
 * from a snapshot at some revision, then moved forward one event (revision) at a time. Reads are
 * lock-free; only the projection's single writer mutates it.
 */
public final class AccountPrincipals {

    /** A user with what decisions need: its groups and tags. */
    public record User(String id, String name, String path, String arn, List<Tag> tags, Set<String> groupIds) {
    }

    public record Group(String id, String name, String path, String arn) {
    }

    public record Role(String id, String name, String path, String arn, List<Tag> tags, int maxSessionDuration) {
    }

    private final String accountId;
    private volatile long revision;
    /** False for an account identity-service does not know (its snapshot answered 404), until an event of it arrives. */
    private volatile boolean exists;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, String> userIds = new ConcurrentHashMap<>();
    private final Map<String, String> groupIds = new ConcurrentHashMap<>();
    private final Map<String, String> roleIds = new ConcurrentHashMap<>();

    AccountPrincipals(String accountId, long revision) {
        this(accountId, revision, true);
    }

    private AccountPrincipals(String accountId, long revision, boolean exists) {
        this.accountId = accountId;
        this.revision = revision;
        this.exists = exists;
    }

    /** An account identity-service does not know: no principals, and no root user. */
    static AccountPrincipals missing(String accountId) {
        return new AccountPrincipals(accountId, 0, false);
    }

    /** Whether the account exists (and so its root user). */
    public boolean exists() {
        return exists;
    }

    public String accountId() {
        return accountId;
    }

    /** The identity revision this state reflects (at least). */
    public long revision() {
        return revision;
    }

    /** Users, groups and roles together. */
    int size() {
        return users.size() + groups.size() + roles.size();
    }

    public User userByName(String name) {
        String id = userIds.get(lower(name));
        return id == null ? null : users.get(id);
    }

    public Group groupByName(String name) {
        String id = groupIds.get(lower(name));
        return id == null ? null : groups.get(id);
    }

    public Role roleByName(String name) {
        String id = roleIds.get(lower(name));
        return id == null ? null : roles.get(id);
    }

    public User user(String id) {
        return users.get(id);
    }

    public Group group(String id) {
        return groups.get(id);
    }

    public Role role(String id) {
        return roles.get(id);
    }

    /** The users in group {@code groupId}. */
    public List<User> members(String groupId) {
        return users.values().stream().filter(u -> u.groupIds().contains(groupId)).toList();
    }

    void putUser(User user) {
        User old = users.put(user.id(), user);
        if (old != null && !old.name().equalsIgnoreCase(user.name())) {
            userIds.remove(lower(old.name()));
        }
        userIds.put(lower(user.name()), user.id());
    }

    void putGroup(Group group) {
        Group old = groups.put(group.id(), group);
        if (old != null && !old.name().equalsIgnoreCase(group.name())) {
            groupIds.remove(lower(old.name()));
        }
        groupIds.put(lower(group.name()), group.id());
    }

    void putRole(Role role) {
        Role old = roles.put(role.id(), role);
        if (old != null && !old.name().equalsIgnoreCase(role.name())) {
            roleIds.remove(lower(old.name()));
        }
        roleIds.put(lower(role.name()), role.id());
    }

    /**
     * Applies the event at {@code eventRevision} if it is the next one; returns {@code false} when the
     * state has a gap (the caller reloads a snapshot). Events already reflected are ignored.
     */
    boolean apply(long eventRevision, IdentityEvent event) {
        if (eventRevision <= revision) {
            return true;
        }
        if (eventRevision != revision + 1) {
            return false;
        }
        if (event instanceof IdentityEvent.UserCreated e) {
            putUser(new User(e.userId(), e.userName(), e.path(), e.arn(), e.tags(), Set.of()));
        } else if (event instanceof IdentityEvent.UserUpdated e) {
            update(users.get(e.userId()), u -> putUser(new User(u.id(), e.userName(), e.path(), e.arn(), u.tags(), u.groupIds())));
        } else if (event instanceof IdentityEvent.UserDeleted e) {
            User gone = users.remove(e.userId());
            if (gone != null) {
                userIds.remove(lower(gone.name()));
            }
        } else if (event instanceof IdentityEvent.UserTagsChanged e) {
            update(users.get(e.userId()), u -> putUser(new User(u.id(), u.name(), u.path(), u.arn(), e.tags(), u.groupIds())));
        } else if (event instanceof IdentityEvent.UserAddedToGroup e) {
            update(users.get(e.userId()), u -> putUser(new User(u.id(), u.name(), u.path(), u.arn(), u.tags(),
                    plus(u.groupIds(), e.groupId()))));
        } else if (event instanceof IdentityEvent.UserRemovedFromGroup e) {
            update(users.get(e.userId()), u -> putUser(new User(u.id(), u.name(), u.path(), u.arn(), u.tags(),
                    minus(u.groupIds(), e.groupId()))));
        } else if (event instanceof IdentityEvent.GroupCreated e) {
            putGroup(new Group(e.groupId(), e.groupName(), e.path(), e.arn()));
        } else if (event instanceof IdentityEvent.GroupUpdated e) {
            putGroup(new Group(e.groupId(), e.groupName(), e.path(), e.arn()));
        } else if (event instanceof IdentityEvent.GroupDeleted e) {
            Group gone = groups.remove(e.groupId());
            if (gone != null) {
                groupIds.remove(lower(gone.name()));
            }
        } else if (event instanceof IdentityEvent.RoleCreated e) {
            putRole(new Role(e.roleId(), e.roleName(), e.path(), e.arn(), e.tags(), e.maxSessionDuration()));
        } else if (event instanceof IdentityEvent.RoleUpdated e) {
            update(roles.get(e.roleId()), r -> putRole(new Role(r.id(), r.name(), r.path(), r.arn(), r.tags(), e.maxSessionDuration())));
        } else if (event instanceof IdentityEvent.RoleTagsChanged e) {
            update(roles.get(e.roleId()), r -> putRole(new Role(r.id(), r.name(), r.path(), r.arn(), e.tags(), r.maxSessionDuration())));
        } else if (event instanceof IdentityEvent.RoleDeleted e) {
            Role gone = roles.remove(e.roleId());
            if (gone != null) {
                roleIds.remove(lower(gone.name()));
            }
        }
        // access keys, instance profiles, trust policies, aliases: nothing a decision reads here
        revision = eventRevision;
        exists = true;
        return true;
    }

    private static <T> void update(T current, java.util.function.Consumer<T> change) {
        if (current != null) {
            change.accept(current);
        }
    }

    private static Set<String> plus(Set<String> set, String value) {
        java.util.HashSet<String> copy = new java.util.HashSet<>(set);
        copy.add(value);
        return Set.copyOf(copy);
    }

    private static Set<String> minus(Set<String> set, String value) {
        java.util.HashSet<String> copy = new java.util.HashSet<>(set);
        copy.remove(value);
        return Set.copyOf(copy);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
