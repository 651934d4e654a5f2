package dev.openiam.awsprotocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derived SigV4 signing keys, kept per secret, date, region and service in a small LRU so a busy
 * key costs one HMAC per request instead of five. Entries are named by a hash of the secret, never
 * the secret itself; nothing here is ever logged.
 */
final class SigningKeyCache {

    private final int capacity;
    private final Map<String, byte[]> keys;

    SigningKeyCache(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > SigningKeyCache.this.capacity;
            }
        };
    }

    byte[] signingKey(String secret, String date, String region, String service) {
        if (capacity <= 0) {
            return derive(secret, date, region, service);
        }
        String id = Encoding.sha256Hex(secret.getBytes(StandardCharsets.UTF_8)) + '/' + date + '/' + region + '/'
                + service;
        synchronized (keys) {
            byte[] key = keys.get(id);
            if (key != null) {
                return key;
            }
        }
        byte[] key = derive(secret, date, region, service);
        synchronized (keys) {
            keys.put(id, key);
        }
        return key;
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    static byte[] derive(String secret, String date, String region, String service) {
        byte[] kDate = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = hmac(kDate, region);
        byte[] kService = hmac(kRegion, service);
        return hmac(kService, SigV4Parser.TERMINATOR);
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
