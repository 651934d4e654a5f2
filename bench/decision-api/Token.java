import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.TrustedKeys;
import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TokenIssuer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints a decide token of identity-service for ONE call (it lives 20 s and is accepted once), bound to the
 * exact body in BODY_FILE and to PATH: java -cp … Token.java KEY_FILE BODY_FILE PATH
 * (KEY_FILE: identity-service's private key, $IAM_HOME/keys/identity-service.pem under iam-local).
 */
public class Token {
    public static void main(String[] args) throws Exception {
        TokenIssuer identity = new TokenIssuer(ServiceKey.read("identity-service", Path.of(args[0])),
                TrustedKeys.fromDirectory(Path.of(args[0]).toAbsolutePath().getParent()));
        System.out.println(identity.issue("policy-service", Purpose.DECIDE, "POST", args[2], Files.readAllBytes(Path.of(args[1])),
                null, null));
    }
}
