package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page and file the console serves is routed to it by the Ingress. Its host lists each top-level path by name
 * (a catch-all would expose /q/* too), so a new page would answer 404 behind the Ingress: the paths are read from the
 * console's resources (the {@code @Path} of each class joined with its methods') and its static files, and each
 * must match a route, with Kubernetes' Exact or Prefix rules; /q/* and /internal/* must match none.
 */
class ConsoleRoutesTest {

    private static final Path CONSOLE = Manifests.DIR.resolve("../../console/src/main").normalize();
    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(([^)]*)\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern CLASS_DECLARATION = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?class\\s");

    @TestFactory
    Stream<DynamicTest> everyPathTheConsoleServesIsRouted() {
        Set<String> served = servedPaths();
        assertThat(served).as("the console's paths, read from " + CONSOLE).contains("/", "/signin", "/console.css");
        return Manifests.overlays().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<JsonNode> routes = new ArrayList<>();
            for (JsonNode ingress : Manifests.ofKind(overlay, "Ingress")) {
                for (JsonNode path : ingress.findValues("paths")) {
                    path.forEach(p -> {
                        if (p.at("/backend/service/name").asText().equals("console")) {
                            routes.add(p);
                        }
                    });
                }
            }
            for (String path : served) {
                assertThat(routes).as(overlay + ": " + path + " is routed to the console").anyMatch(route -> routes(route, path));
            }
            for (String inside : List.of("/q/health/ready", "/q/metrics", "/internal/v1/x")) {
                assertThat(routes).as(overlay + ": " + inside + " stays inside the cluster").noneMatch(route -> routes(route, inside));
            }
        }));
    }

    /** Whether an Ingress path routes {@code path} (Prefix matches whole path elements, as Kubernetes defines it). */
    private static boolean routes(JsonNode route, String path) {
        String routed = route.path("path").asText();
        return switch (route.path("pathType").asText()) {
            case "Exact" -> path.equals(routed);
            case "Prefix" -> routed.equals("/") || path.equals(routed) || path.startsWith(routed.endsWith("/") ? routed : routed + "/");
            default -> throw new AssertionError("pathType " + route.path("pathType").asText() + " of " + routed + ": use Exact or Prefix");
        };
    }

    /** The console's paths: each resource method's (path parameters as "x") and each static file's. */
    private static Set<String> servedPaths() {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(CONSOLE.resolve("java"));
             Stream<Path> statics = Files.walk(CONSOLE.resolve("resources/META-INF/resources"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher declaration = CLASS_DECLARATION.matcher(text);
                if (!text.contains("@Path(") || !declaration.find()) {
                    continue;
                }
                List<String> onClass = pathsIn(text.substring(0, declaration.start()), source);
                assertThat(onClass).as(source + ": a resource class with its own @Path").hasSize(1);
                paths.add(join(onClass.get(0), ""));
                pathsIn(text.substring(declaration.start()), source).forEach(method -> paths.add(join(onClass.get(0), method)));
            }
            statics.filter(Files::isRegularFile).forEach(file -> paths.add("/" + CONSOLE.resolve("resources/META-INF/resources")
                    .relativize(file).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    private static List<String> pathsIn(String text, Path source) {
        List<String> paths = new ArrayList<>();
        Matcher annotation = PATH_ANNOTATION.matcher(text);
        while (annotation.find()) {
            Matcher literal = STRING_LITERAL.matcher(annotation.group(1).trim());
            if (!literal.matches()) {
                throw new AssertionError(source + ": @Path(" + annotation.group(1) + ") is no string literal; extend this test");
            }
            paths.add(literal.group(1));
        }
        return paths;
    }

    private static String join(String onClass, String onMethod) {
        String path = ("/" + onClass + "/" + onMethod).replaceAll("\\{[^}]*}", "x").replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
