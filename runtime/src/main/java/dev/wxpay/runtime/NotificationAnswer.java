package dev.wxpay.runtime;

/**
 * The HTTP answer to give WeChat Pay after handling a notification, framework-neutral: write
 * {@link #statusCode()}, and when {@link #body()} is not empty, the {@link #contentType()} header and the body.
 * Success is {@code 204 No Content}; a failure is a 4xx/5xx with {@code {"code":"FAIL","message":"…"}}, which makes
 * WeChat Pay retry later.
 *
 * <p>Immutable and thread-safe.
 */
public final class NotificationAnswer {
    private final int statusCode;
    private final String body;

    private NotificationAnswer(int statusCode, String body) {
        this.statusCode = statusCode;
        this.body = body;
    }

    /** Success: {@code 204} without a body. */
    public static NotificationAnswer success() {
        return new NotificationAnswer(204, "");
    }

    /**
     * Failure with status 500, so WeChat Pay retries. The message is sent to WeChat Pay: keep it short (WeChat Pay
     * allows 64 characters) and free of secrets and stack traces.
     */
    public static NotificationAnswer failure(String message) {
        return failure(500, message);
    }

    /**
     * Failure with a chosen 4xx or 5xx status ({@code 400} for a notification that failed verification is common).
     *
     * @throws IllegalArgumentException when the status is not 4xx or 5xx
     */
    public static NotificationAnswer failure(int statusCode, String message) {
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("a failure answer needs a 4xx or 5xx status, got " + statusCode);
        }
        return new NotificationAnswer(statusCode,
                "{\"code\":\"FAIL\",\"message\":" + jsonString(message == null ? "" : message) + "}");
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Whether this is the success answer. */
    public boolean isSuccess() {
        return statusCode < 300;
    }

    /** The HTTP status to answer with. */
    public int statusCode() {
        return statusCode;
    }

    /** The body to answer with (UTF-8); empty for success. */
    public String body() {
        return body;
    }

    /** The Content-Type header for the body, or null when there is no body. */
    public String contentType() {
        return body.isEmpty() ? null : "application/json; charset=utf-8";
    }

    @Override
    public String toString() {
        return "NotificationAnswer{" + statusCode + (body.isEmpty() ? "" : " " + body) + "}";
    }
}
