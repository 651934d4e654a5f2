package dev.openiam.policyservice.principal;

import dev.openiam.glue.peers.IdentityAuthentication;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** identity-service not answering is ServiceUnavailable for the caller, without identity-service's address. */
@QuarkusTest
class IdentityServiceClientTest {

    @Inject
    Vertx vertx;

    @Inject
    ServiceTrust trust;

    @Test
    void anUnreachableIdentityServiceIsNotNamedToTheCaller() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        IdentityServiceClient client = new IdentityServiceClient(new IdentityAuthentication(vertx, trust, "http://127.0.0.1:" + port));
        String closedPort = String.valueOf(port);
        assertThatThrownBy(() -> client.load("123456789012").await().atMost(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).doesNotContain("127.0.0.1", "localhost", closedPort, "Exception");
                });
    }
}
