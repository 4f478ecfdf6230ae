package example;

import java.util.Map;

public class Handler {
    public String handleRequest(Map<String, Object> event) {
        return "ok";
    }
}
