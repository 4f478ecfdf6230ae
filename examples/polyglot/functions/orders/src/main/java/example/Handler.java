package example;

import java.util.Map;

/**
 * A plain-Java handler: Lambda's Java runtime passes the event as a {@code Map} and the context
 * only to a method that asks for it, so no AWS library is needed.
 */
public class Handler {
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        Object name = event == null ? null : event.get("name");
        return Map.of("statusCode", 200, "body", "hello from java, " + (name == null ? "world" : name));
    }
}
