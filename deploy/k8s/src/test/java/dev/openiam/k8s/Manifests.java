package dev.openiam.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The overlays as {@code kubectl kustomize} renders them, one JSON tree per object. kubectl is required: without
 * it the tests are skipped on a developer's machine and fail in CI ({@code CI=true}), never pass unseen.
 */
final class Manifests {

    static final Path DIR = Path.of(System.getProperty("iam.k8s.dir", ".")).toAbsolutePath();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** Every overlay's name (a folder under overlays/ with a kustomization). */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(DIR.resolve("overlays"))) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            Assertions.assertFalse(names.isEmpty(), "no overlay under " + DIR.resolve("overlays"));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects {@code overlays/NAME} renders to. */
    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parse(kustomize(DIR.resolve("overlays").resolve(o))));
    }

    /**
     * Every rendered overlay's objects and the one-off manifests of operations/ (applied as they are, by hand),
     * each with where it comes from: what the model and schema checks cover.
     */
    static Stream<Map.Entry<String, ObjectNode>> everything() {
        Stream<Map.Entry<String, ObjectNode>> rendered = overlays().stream()
                .flatMap(o -> render(o).stream().map(object -> Map.entry(o, object)));
        try (Stream<Path> files = Files.list(DIR.resolve("operations"))) {
            List<Map.Entry<String, ObjectNode>> operations = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                parse(Files.readString(file)).forEach(object -> operations.add(Map.entry(file.getFileName().toString(), object)));
            }
            return Stream.concat(rendered, operations.stream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> ofKind(String overlay, String kind) {
        return render(overlay).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object) + object.path("metadata").path("generateName").asText();
    }

    private static String kustomize(Path dir) {
        String kubectl = kubectl().orElseGet(() -> {
            String message = "kubectl (with its built-in kustomize) is not on PATH; install it to test deploy/k8s";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
            return null;
        });
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            Assertions.assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
            Assertions.assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + " failed: " + err);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, "kubectl")).filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static List<ObjectNode> parse(String yaml) {
        try {
            List<ObjectNode> objects = new ArrayList<>();
            YAML.readerFor(ObjectNode.class).<ObjectNode>readValues(yaml).forEachRemaining(objects::add);
            Assertions.assertFalse(objects.isEmpty(), "the overlay rendered nothing");
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
