package dev.openiam.policyservice.advisor.domain;

import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ServiceInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A completed access-advisor report, as stored with its job: each allowed service with its last access (by whom,
 * where, how many entities; per action for {@code ACTION_LEVEL}), and each entity of the report with its last access
 * per service (GetServiceLastAccessedDetailsWithEntities).
 */
public record LastAccessReport(List<Service> services, List<EntityAccess> entities) {

    public static final String SERVICE_LEVEL = "SERVICE_LEVEL";
    public static final String ACTION_LEVEL = "ACTION_LEVEL";

    /** ServiceLastAccessed; the last-access fields are {@code null} when nobody used the service in the tracking period. */
    public record Service(String serviceName, String serviceNamespace, Instant lastAuthenticated, String lastAuthenticatedEntity,
                          String lastAuthenticatedRegion, Integer totalAuthenticatedEntities, List<TrackedAction> trackedActions) {
    }

    /** TrackedActionLastAccessed. */
    public record TrackedAction(String actionName, String lastAccessedEntity, Instant lastAccessedTime, String lastAccessedRegion) {
    }

    /** An entity of the report and, per namespace, when its principals last used that service. */
    public record EntityAccess(ReportSubject.Entity entity, Map<String, Instant> lastAuthenticated) {
    }

    /**
     * The report of {@code subject}: the services its documents allow ({@code namespaces}), each with the newest of
     * {@code accesses} of the subject's principals; actions listed only at {@code ACTION_LEVEL}.
     */
    public static LastAccessReport build(String granularity, Collection<String> namespaces, ReportSubject subject,
                                         List<Access> accesses) {
        Set<String> principals = new HashSet<>(subject.principalArns());
        List<Access> counted = accesses.stream().filter(a -> principals.contains(a.entityArn())).toList();
        List<Service> services = new ArrayList<>();
        for (String namespace : namespaces) {
            List<Access> used = counted.stream().filter(a -> a.namespace().equals(namespace)).toList();
            services.add(service(namespace, used, ACTION_LEVEL.equals(granularity)));
        }
        List<EntityAccess> entities = new ArrayList<>();
        for (ReportSubject.Entity entity : subject.entities()) {
            Map<String, Instant> last = new LinkedHashMap<>();
            counted.stream().filter(a -> entity.principalArns().contains(a.entityArn()))
                    .forEach(a -> last.merge(a.namespace(), a.time(), (x, y) -> x.isAfter(y) ? x : y));
            entities.add(new EntityAccess(entity, last));
        }
        return new LastAccessReport(services, entities);
    }

    private static Service service(String namespace, List<Access> used, boolean actions) {
        String name = ActionCatalog.bundled().service(namespace).map(ServiceInfo::name).orElse(namespace);
        if (used.isEmpty()) {
            return new Service(name, namespace, null, null, null, null, null);
        }
        Access newest = used.stream().max(Comparator.comparing(Access::time)).orElseThrow();
        int entities = (int) used.stream().map(Access::entityArn).distinct().count();
        List<TrackedAction> tracked = null;
        if (actions) {
            Map<String, Access> byAction = new LinkedHashMap<>();
            used.forEach(a -> byAction.merge(a.action(), a, (x, y) -> x.time().isAfter(y.time()) ? x : y));
            tracked = byAction.values().stream().sorted(Comparator.comparing(Access::action))
                    .map(a -> new TrackedAction(a.action(), a.entityArn(), a.time(), a.region())).toList();
        }
        return new Service(name, namespace, newest.time(), newest.entityArn(), newest.region(), entities, tracked);
    }
}
