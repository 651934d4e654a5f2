package dev.openiam.console.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

/**
 * The signed-in sessions of this replica, by a random id the browser keeps in an HttpOnly, SameSite=Strict cookie
 * (Secure under TLS). A session ends with its credentials (it is gone from here when they expire) or at sign-out;
 * at most 10,000 are kept.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "iamconsole";
    /** Before sign-in: the CSRF token of the sign-in form, double-submitted (cookie and field). */
    public static final String SIGN_IN_COOKIE = "iamconsole-signin";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, ConsoleSession> sessions = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfter(new Expiry<String, ConsoleSession>() {
                @Override
                public long expireAfterCreate(String key, ConsoleSession session, long currentTime) {
                    return Math.max(0, Duration.between(Instant.now(), session.expiresAt()).toNanos());
                }

                @Override
                public long expireAfterUpdate(String key, ConsoleSession session, long currentTime, long currentDuration) {
                    return currentDuration;
                }

                @Override
                public long expireAfterRead(String key, ConsoleSession session, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            })
            .build();

    /** A new random token: session ids and CSRF tokens (256 bits). */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public void add(ConsoleSession session) {
        sessions.put(session.id(), session);
    }

    /** The session of this cookie value, or {@code null} (none, ended, or expired). */
    public ConsoleSession find(String id) {
        if (id == null) {
            return null;
        }
        ConsoleSession session = sessions.getIfPresent(id);
        if (session != null && !Instant.now().isBefore(session.expiresAt())) {
            sessions.invalidate(id);
            return null;
        }
        return session;
    }

    /** The signed-in session, or NotSignedIn (the pages send the browser to the sign-in form). */
    public ConsoleSession require(String id) {
        ConsoleSession session = find(id);
        if (session == null) {
            throw new NotSignedIn();
        }
        return session;
    }

    /** A form post of this session: its CSRF token must come back (compared in constant time). */
    public ConsoleSession requireForm(String id, String csrf) {
        ConsoleSession session = require(id);
        if (!same(session.csrf(), csrf)) {
            throw new CsrfRefused();
        }
        return session;
    }

    public void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    public static boolean same(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure when the console is reached over TLS. */
    public static NewCookie cookie(String name, String value, UriInfo uri, boolean remove) {
        return new NewCookie.Builder(name).value(remove ? "" : value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uri.getRequestUri().getScheme()))
                .maxAge(remove ? 0 : NewCookie.DEFAULT_MAX_AGE).build();
    }

    /** A page was asked for without a session. */
    public static final class NotSignedIn extends RuntimeException {
        NotSignedIn() {
            super("not signed in", null, false, false);
        }
    }

    /** A form came back without its session's CSRF token. */
    public static final class CsrfRefused extends RuntimeException {
        public CsrfRefused() {
            super("the form's CSRF token is missing or wrong", null, false, false);
        }
    }
}
