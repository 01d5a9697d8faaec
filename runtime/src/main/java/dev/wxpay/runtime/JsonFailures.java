package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.List;

/**
 * Turns a Jackson read failure into one line that says where in the JSON it happened ({@code contact.phones[1]}).
 * Jackson puts the field path at the end of a multi-line message, after the source location, so taking the first
 * line alone loses it; a merchant reading "Cannot deserialize value of type String" needs the field. Only field
 * names and indexes are added, never values. Stateless.
 */
final class JsonFailures {
    private JsonFailures() {
    }

    /** {@code " (at <path>): <first line of the cause>"}, or {@code ": <first line>"} when there is no path. */
    static String describe(IOException e) {
        if (e instanceof JsonMappingException) {
            JsonMappingException mapping = (JsonMappingException) e;
            String path = path(mapping.getPath());
            String first = firstLine(mapping.getOriginalMessage());
            return path.isEmpty() ? ": " + first : " (at " + path + "): " + first;
        }
        return ": " + firstLine(e.getMessage());
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        return String.valueOf(message).split("\n", 2)[0];
    }
}
