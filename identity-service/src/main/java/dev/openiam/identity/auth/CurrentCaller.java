package dev.openiam.identity.auth;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by the authentication filter before any resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("request was not authenticated");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
