package dev.wxpay.codegen.read;

import io.swagger.v3.oas.models.OpenAPI;

import java.util.List;

/**
 * A spec as Swagger Parser read it, with the parser's messages (warnings and errors, verbatim) and the spec's
 * text (for finding line numbers). Not thread-safe: the OpenAPI object is mutable.
 */
public record ParsedSpec(SpecSource source, OpenAPI openAPI, List<String> messages, String text) {
    public ParsedSpec {
        messages = List.copyOf(messages);
    }
}
