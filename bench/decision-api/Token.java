import dev.openiam.internalauth.CallerClaims;
import dev.openiam.internalauth.InternalJwt;

/** Prints an internal JWT for policy-service, valid for a minute: java -cp … Token.java SECRET ACCOUNT */
public class Token {
    public static void main(String[] args) {
        System.out.println(InternalJwt.fromBase64(args[0]).sign("policy-service",
                new CallerClaims("service:bench", args[1], "bench", "", false)));
    }
}
