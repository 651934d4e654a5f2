package dev.openiam.local;

import dev.openiam.internalauth.ServiceKey;
import dev.openiam.internalauth.TrustedKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Each service's signing key pair, for the {@code iam-local} script: {@code <service>.pem} (the private key, mode
 * 0600, generated on first start and kept) and {@code <service>.jwks.json} (its public signing key and the
 * key-agreement key derived from it, rewritten from the private key every time) in one directory, which every service reads as its trusted keys.
 *
 * <pre>
 * ServiceKeys DIR SERVICE...      e.g. ServiceKeys ~/.iam-local/keys identity-service policy-service
 * </pre>
 */
public final class ServiceKeys {

    private ServiceKeys() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ServiceKeys DIR SERVICE...");
            System.exit(64);
        }
        ensure(Path.of(args[0]), List.of(args).subList(1, args.length));
    }

    /** Generates the missing private keys of {@code services} in {@code dir} and writes every public JWKS. */
    static void ensure(Path dir, List<String> services) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (String service : services) {
            Path privateKey = dir.resolve(service + ".pem");
            ServiceKey key;
            if (Files.exists(privateKey)) {
                key = ServiceKey.read(service, privateKey);
            } else {
                key = ServiceKey.generate(service);
                write(dir, privateKey, key.privateKeyPem(), "rw-------");
                System.out.println(service + ": new signing key " + key.kid());
            }
            write(dir, dir.resolve(service + TrustedKeys.SUFFIX), key.trustJwks(), "rw-r--r--");
        }
    }

    /** Writes {@code content} to a new file with {@code mode} from the start, then moves it in place. */
    private static void write(Path dir, Path target, String content, String mode) throws IOException {
        Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(mode));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
