package dev.wxpay.spring;

import dev.wxpay.runtime.DecryptionException;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationAnswer;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WechatPayException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Turns a raw notification request into the answer WeChat Pay expects, for a controller that reads the body as
 * bytes:
 *
 * <pre>{@code
 * @RestController
 * class WechatPayNotifyController {
 *     private final WechatPayNotifications notifications;
 *
 *     WechatPayNotifyController(WechatPayNotifications notifications) {
 *         this.notifications = notifications;
 *     }
 *
 *     @PostMapping("/wxpay/notify/sign-plan")
 *     ResponseEntity<?> signPlan(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {
 *         return notifications.handle(headers, body, UserSignPlan.class, n -> plans.signed(n.resource()));
 *     }
 * }
 * }</pre>
 *
 * A notification that does not verify or decrypt is answered {@code 400} with WeChat Pay's FAIL body and never reaches
 * the handler; an exception from the handler is answered {@code 500} so that WeChat Pay delivers it again; a handled
 * notification is answered {@code 204}. Each notification is observed as {@value #OBSERVATION} (event type,
 * outcome). Thread-safe: it holds only the thread-safe parser and observation registry.
 */
public final class WechatPayNotifications {
    private static final Log LOG = LogFactory.getLog(WechatPayNotifications.class);

    /** The observation name for each handled notification. */
    public static final String OBSERVATION = "wxpay.notifications";

    private final NotificationParser parser;
    private final ObservationRegistry observations;

    /** @param parser the merchant's parser (verifies with its trusted keys, decrypts with its APIv3 key) */
    public WechatPayNotifications(NotificationParser parser) {
        this(parser, ObservationRegistry.NOOP);
    }

    /**
     * @param parser       the merchant's parser
     * @param observations where each notification is observed as {@value #OBSERVATION}, tagged with the event type
     *                     and the outcome ({@code HANDLED}, {@code REJECTED}, {@code HANDLER_FAILED})
     */
    public WechatPayNotifications(NotificationParser parser, ObservationRegistry observations) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    /**
     * Verifies, decrypts and maps one notification, hands it to {@code handler} and answers.
     *
     * @param headers the request headers as received
     * @param body    the raw request body, exactly as received (never a re-serialised object)
     * @param type    the resource type to map the decrypted resource into
     * @param handler the application's handling; throw to make WeChat Pay retry
     * @param <T>     the resource type
     * @return {@code 204} when handled, {@code 400} FAIL when not provably from WeChat Pay or not decryptable,
     *         {@code 500} FAIL when the handler threw
     */
    public <T> ResponseEntity<?> handle(HttpHeaders headers, byte[] body, Class<T> type,
            Consumer<Notification<T>> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        Observation observation = Observation.start(OBSERVATION, observations);
        try {
            return handle(headers, body, type, handler, observation);
        } finally {
            observation.stop();
        }
    }

    private <T> ResponseEntity<?> handle(HttpHeaders headers, byte[] body, Class<T> type,
            Consumer<Notification<T>> handler, Observation observation) {
        Notification<T> notification;
        try {
            notification = parser.parse(flatten(headers), body == null ? new byte[0] : body, type);
        } catch (WechatPayException e) {
            // The runtime's messages name headers and shapes, not keys or plaintext; the body is not logged.
            LOG.warn("Rejected a WeChat Pay notification: " + e.getMessage());
            observation.lowCardinalityKeyValue("event.type", "unknown").lowCardinalityKeyValue("outcome", "REJECTED");
            return answer(NotificationAnswer.failure(HttpStatus.BAD_REQUEST.value(), reason(e)));
        }
        // Event types are a small fixed vocabulary (PAYSCORE.USER_SIGN_PLAN, TRANSACTION.SUCCESS, ...).
        observation.lowCardinalityKeyValue("event.type", String.valueOf(notification.eventType()));
        try {
            handler.accept(notification);
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue("outcome", "HANDLER_FAILED").error(e);
            LOG.error("The handler of WeChat Pay notification " + notification.id() + " ("
                    + notification.eventType() + ") failed; WeChat Pay will deliver it again", e);
            return answer(NotificationAnswer.failure(HttpStatus.INTERNAL_SERVER_ERROR.value(),
                    "the notification could not be handled"));
        }
        observation.lowCardinalityKeyValue("outcome", "HANDLED");
        return answer(NotificationAnswer.success());
    }

    private static String reason(WechatPayException e) {
        if (e instanceof VerificationException) {
            return "the notification signature could not be verified";
        }
        if (e instanceof DecryptionException) {
            return "the notification resource could not be decrypted";
        }
        return "the notification is malformed";
    }

    private static Map<String, String> flatten(HttpHeaders headers) {
        Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (values != null && !values.isEmpty()) {
                    flat.put(name, values.get(0));
                }
            });
        }
        return flat;
    }

    private static ResponseEntity<?> answer(NotificationAnswer answer) {
        if (answer.body() == null || answer.body().isEmpty()) {
            return ResponseEntity.status(answer.statusCode()).build();
        }
        return ResponseEntity.status(answer.statusCode()).contentType(MediaType.parseMediaType(answer.contentType()))
                .body(answer.body());
    }

    @Override
    public String toString() {
        return "WechatPayNotifications[" + parser + "]";
    }
}
