package dev.wxpay.spec.convert;

/** JSON pointer helpers (RFC 6901 escaping). Stateless. */
final class JsonPointers {
    private JsonPointers() {
    }

    /** {@code base + "/" + token}, the token escaped ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    static String child(String base, String token) {
        return base + "/" + token.replace("~", "~0").replace("/", "~1");
    }
}
