package dev.openiam.bench.casbin;

import org.casbin.jcasbin.util.function.CustomFunction;
import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import dev.openiam.bench.Engine;
import dev.openiam.bench.workload.RequestSpec;
import dev.openiam.bench.workload.Workload;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** jCasbin's {@link Enforcer} with the ABAC model of {@link CasbinTranslator}. */
public final class CasbinEngine implements Engine {

    private final Enforcer enforcer;
    private final List<Object[]> requests;

    public CasbinEngine(Workload workload) {
        Model model = Model.newModelFromString(CasbinTranslator.MODEL);
        this.enforcer = new Enforcer(model);
        enforcer.addFunction("sameFamilyIpMatch", new SameFamilyIpMatch());
        for (List<String> rule : new CasbinTranslator(workload.principal()).rules(workload)) {
            enforcer.addPolicy(rule);
        }
        this.requests = workload.requests().stream().map(CasbinEngine::request).toList();
    }

    private static Object[] request(RequestSpec r) {
        return new Object[] {
                r.action().toLowerCase(Locale.ROOT), r.resource(), "platform",
                r.prefix() == null ? "" : r.prefix(), r.sourceIp(), r.secureTransport(),
                r.mfaAge() == null ? -1L : r.mfaAge(), r.region() == null ? "" : r.region()};
    }

    @Override
    public String name() {
        return "jcasbin";
    }

    @Override
    public boolean isAllowed(int index) {
        return enforcer.enforce(requests.get(index));
    }

    /**
     * {@code ipMatch} for IPv4 and IPv6 with IAM's rule for mixed families: an IPv4 address is in no IPv6 range
     * and the reverse. (jCasbin 1.99.0's built-in {@code ipMatch} accepts IPv4 only and throws on IPv6.)
     */
    static final class SameFamilyIpMatch extends CustomFunction {
        @Override
        public AviatorObject call(Map<String, Object> env, AviatorObject ip, AviatorObject cidr) {
            return AviatorBoolean.valueOf(matches(FunctionUtils.getStringValue(ip, env),
                    FunctionUtils.getStringValue(cidr, env)));
        }

        static boolean matches(String ip, String cidr) {
            try {
                int slash = cidr.indexOf('/');
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                byte[] address = InetAddress.getByName(ip).getAddress();
                if (network.length != address.length) {
                    return false;
                }
                int bits = Integer.parseInt(cidr.substring(slash + 1));
                for (int i = 0; i < bits; i++) {
                    int mask = 0x80 >>> (i % 8);
                    if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String getName() {
            return "sameFamilyIpMatch";
        }
    }
}
