package dev.openiam.identity.observability;

import dev.openiam.identity.Api;
import dev.openiam.testsupport.EmbeddedKafka;
import dev.openiam.testsupport.InjectEmbeddedKafka;
import dev.openiam.testsupport.RestartableKafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on the management port's {@code /q/metrics}: while Kafka is down, writes wait in the outbox and the
 * backlog and the age of its oldest event grow; when it is back, the backlog drains and the published count rises.
 */
@QuarkusTest
@WithTestResource(value = RestartableKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OutboxMetricsTest {

    private static final String BACKLOG = "iam_outbox_backlog_events";
    private static final String AGE = "iam_outbox_oldest_age_seconds";
    private static final String PUBLISHED = "iam_outbox_published_events_total";

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @Test
    void theBacklogGrowsWhileKafkaIsDownAndDrainsAfterwards() {
        Api api = Api.fresh();
        api.post("users", "{\"userName\":\"first\"}").statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> value(BACKLOG) == 0 && value(PUBLISHED) > 0);

        kafka.stop();
        for (String name : new String[] {"u1", "u2", "u3"}) {
            api.post("users", "{\"userName\":\"" + name + "\"}").statusCode(201);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(value(BACKLOG)).as("the three UserCreated events wait").isGreaterThanOrEqualTo(3);
            assertThat(value(AGE)).as("and their age shows").isPositive();
        });
        double publishedWhileDown = value(PUBLISHED);

        kafka.start();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(value(BACKLOG)).isZero();
            assertThat(value(AGE)).isZero();
            assertThat(value(PUBLISHED)).isGreaterThanOrEqualTo(publishedWhileDown + 3);
        });
    }

    private static double value(String series) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String exposition = given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(matcher.find()).as(series + " on /q/metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
