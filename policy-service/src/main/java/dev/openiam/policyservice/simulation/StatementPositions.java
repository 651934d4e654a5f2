package dev.openiam.policyservice.simulation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import dev.openiam.policyservice.simulation.EvaluationResult.Position;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a document's text begins and ends, as the simulator reports them: AWS's
 * documented example puts {@code StartPosition} just after the statement's {@code {} and {@code EndPosition}
 * just after its {@code }} (1-based lines and columns).
 */
final class StatementPositions {

    private static final JsonFactory JSON = new JsonFactory();

    record Span(Position start, Position end) {
    }

    private StatementPositions() {
    }

    /** The span of each statement in document order; empty if the text cannot be read (it was compiled, so it can). */
    static List<Span> of(String text) {
        List<Span> spans = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("Statement")) {
                    parser.skipChildren();
                } else if (value == JsonToken.START_OBJECT) {
                    spans.add(span(parser));
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        spans.add(span(parser));
                    }
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return spans;
    }

    /** The parser is on the statement's START_OBJECT; leaves it on the matching END_OBJECT. */
    private static Span span(JsonParser parser) throws IOException {
        Position start = after(parser.currentTokenLocation());
        parser.skipChildren();
        return new Span(start, after(parser.currentTokenLocation()));
    }

    private static Position after(JsonLocation location) {
        return new Position(location.getLineNr(), location.getColumnNr() + 1);
    }
}
