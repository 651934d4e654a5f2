package dev.openiam.console.pages;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A console password the wizard generates: 20 characters with every class an account's password policy can require. */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

    private Passwords() {
    }

    static String generate() {
        List<Character> chars = new ArrayList<>();
        for (String required : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(required.charAt(RANDOM.nextInt(required.length())));
        }
        while (chars.size() < 20) {
            chars.add(ALL.charAt(RANDOM.nextInt(ALL.length())));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder password = new StringBuilder();
        chars.forEach(password::append);
        return password.toString();
    }
}
