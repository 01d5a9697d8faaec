package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a product's {@link Notice} into WeChat Pay's notification envelope (the resource AES-256-GCM encrypted with
 * the merchant's APIv3 key) and hands it to the {@link NotificationSender}, which signs each attempt afresh with
 * {@code signer}. Thread-safe: its collaborators are.
 */
final class Notifier {

    private final Map<String, SimulatedMerchant> merchants;
    private final Clock clock;
    private final SecureRandom random;
    private final NotificationSender sender;
    private final Function<String, String[]> signer;

    /** {@code signer} gives the {@code Wechatpay-*} headers (name, value, …) for one attempt's body. */
    Notifier(Map<String, SimulatedMerchant> merchants, Clock clock, SecureRandom random, NotificationSender sender,
             Function<String, String[]> signer) {
        this.merchants = merchants;
        this.clock = clock;
        this.random = random;
        this.sender = sender;
        this.signer = signer;
    }

    /** Starts delivering {@code notice} to its notify URL, with retries; the delivery reports every attempt. */
    NotificationDelivery send(Notice notice) {
        SimulatedMerchant merchant = merchants.get(notice.mchid());
        if (merchant == null) {
            throw new IllegalStateException("no merchant " + notice.mchid() + " to notify");
        }
        String resource = notice.resource().toString();
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        String id = UUID.nameUUIDFromBytes(idBytes).toString();
        String nonce = Crypto.alphanumeric(random, 12);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("id", id);
        // RFC 3339 with seconds, as WeChat Pay sends it (OffsetDateTime.toString() drops ":00" on a whole minute).
        envelope.put("create_time", StateJson.format(clock.instant()));
        envelope.put("resource_type", "encrypt-resource");
        envelope.put("event_type", notice.eventType());
        envelope.put("summary", notice.summary());
        ObjectNode res = envelope.putObject("resource");
        res.put("original_type", notice.originalType());
        res.put("algorithm", "AEAD_AES_256_GCM");
        res.put("ciphertext", Crypto.encryptAesGcm(merchant.apiV3Key().getBytes(StandardCharsets.UTF_8), nonce,
                notice.associatedData(), resource));
        res.put("associated_data", notice.associatedData());
        res.put("nonce", nonce);
        NotificationDelivery delivery = new NotificationDelivery(id, notice.eventType(), notice.notifyUrl(), resource);
        sender.deliver(delivery, envelope.toString(), signer);
        return delivery;
    }
}
