package dev.wxpay.spec.convert;

/**
 * One change the converter made to the corpus so that it becomes valid, usable OpenAPI 3.0.3. Immutable.
 *
 * @param method the HTTP method in upper case, or empty for a change outside an operation
 * @param path the path template, or empty for a change outside an operation
 * @param pointer JSON pointer of the changed node in the corpus (Swagger 2.0 layout), e.g.
 *     {@code #/paths/~1v3~1x/get/responses/200/schema/properties/openid}
 * @param kind a short, stable name of the kind of repair (the report groups by it)
 * @param detail what was changed, e.g. {@code type 'int' -> 'integer'}
 */
public record Repair(String method, String path, String pointer, String kind, String detail) {
    /** The operation this repair belongs to ({@code GET /v3/...}), or the pointer when it is outside an operation. */
    public String where() {
        return method.isEmpty() ? pointer : method + " " + path;
    }
}
