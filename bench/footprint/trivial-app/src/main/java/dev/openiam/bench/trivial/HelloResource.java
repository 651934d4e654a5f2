package dev.openiam.bench.trivial;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The whole app: one constant answer, so its footprint is Quarkus's and the JVM's alone. */
@Path("/hello")
public class HelloResource {

    @GET
    public String hello() {
        return "hello";
    }
}
