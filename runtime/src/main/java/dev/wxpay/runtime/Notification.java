package dev.wxpay.runtime;

import java.time.OffsetDateTime;

/**
 * A verified, decrypted WeChat Pay notification (callback to {@code notify_url}): the envelope fields and the
 * resource mapped into {@code T}, plus the plaintext JSON it was mapped from.
 *
 * <p>Immutable; thread-safe when {@code T} is not changed after parsing.
 *
 * @param <T> the resource type, for example the sign-plan model of {@code PAYSCORE.USER_SIGN_PLAN}
 */
public final class Notification<T> {
    private final String id;
    private final OffsetDateTime createTime;
    private final String eventType;
    private final String resourceType;
    private final String summary;
    private final String originalType;
    private final T resource;
    private final String plaintext;

    /** Creates a notification; {@link NotificationParser} does this after verifying and decrypting. */
    public Notification(String id, OffsetDateTime createTime, String eventType, String resourceType, String summary,
            String originalType, T resource, String plaintext) {
        this.id = id;
        this.createTime = createTime;
        this.eventType = eventType;
        this.resourceType = resourceType;
        this.summary = summary;
        this.originalType = originalType;
        this.resource = resource;
        this.plaintext = plaintext;
    }

    /** The notification id ({@code id}); WeChat Pay repeats it on retries, so use it to drop duplicates. */
    public String id() {
        return id;
    }

    /** When WeChat Pay created the notification ({@code create_time}, offset as sent), or null when absent. */
    public OffsetDateTime createTime() {
        return createTime;
    }

    /** The event type, for example {@code PAYSCORE.USER_SIGN_PLAN} or {@code PAYSCORE.USER_CANCEL_SIGN_PLAN}. */
    public String eventType() {
        return eventType;
    }

    /** The resource type, normally {@code encrypt-resource}. */
    public String resourceType() {
        return resourceType;
    }

    /** WeChat Pay's short summary of the event, or null. */
    public String summary() {
        return summary;
    }

    /** The resource's {@code original_type}, or null when absent. */
    public String originalType() {
        return originalType;
    }

    /** The decrypted resource mapped into {@code T}. */
    public T resource() {
        return resource;
    }

    /** The decrypted resource as JSON text, exactly as decrypted. */
    public String plaintext() {
        return plaintext;
    }

    @Override
    public String toString() {
        // The resource holds personal data (openid and the like): only identifiers are shown.
        return "Notification{id=" + id + ", eventType=" + eventType + ", createTime=" + createTime + "}";
    }
}
