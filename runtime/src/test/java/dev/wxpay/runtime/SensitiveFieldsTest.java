package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.runtime.LoopbackWechatPay.Answer;
import dev.wxpay.runtime.LoopbackWechatPay.Recorded;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sensitive fields (@SensitiveField) encrypted on the way out and decrypted on the way in")
class SensitiveFieldsTest {
    private static final String NAME = "张三";
    private static final String PHONE = "13800138000";

    /** Shaped like a generated model: private fields, field visibility only, the annotation on the field. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
            setterVisibility = JsonAutoDetect.Visibility.NONE)
    static class Receiver {
        @JsonProperty("type")
        private String type;
        @JsonProperty("name")
        @SensitiveField
        private String name;
        @JsonProperty("contact")
        private Contact contact;

        @Override
        public String toString() {
            return "Receiver{type=" + type + ", name=***, contact=" + contact + "}";
        }
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
            setterVisibility = JsonAutoDetect.Visibility.NONE)
    static class Contact {
        @JsonProperty("mobile")
        @SensitiveField
        private String mobile;
        @JsonProperty("note")
        private String note;
    }

    private LoopbackWechatPay server;
    private WechatPayClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackWechatPay(LoopbackWechatPay.merchantA());
        client = WechatPayClient.builder().baseUri(server.baseUri())
                .merchantId(TestKeys.MERCHANT_ID).merchantSerialNumber(TestKeys.MERCHANT_SERIAL)
                .merchantPrivateKey(TestKeys.MERCHANT.getPrivate())
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String encrypt(String plaintext, PublicKey key) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    static String decrypt(String ciphertext, PrivateKey key) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, key);
        return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    private static Receiver receiver() {
        Receiver receiver = new Receiver();
        receiver.type = "PERSONAL_OPENID";
        receiver.name = NAME;
        receiver.contact = new Contact();
        receiver.contact.mobile = PHONE;
        receiver.contact.note = "plain";
        return receiver;
    }

    @Test
    @DisplayName("encrypts annotated request fields, nested ones too, under the key Wechatpay-Serial names")
    void encryptsRequestFields() throws Exception {
        client.execute(ApiRequest.builder("POST", "/v3/profitsharing/receivers/add").body(receiver()).build(),
                Void.class);
        Recorded sent = server.requests().get(0);
        assertThat(sent.header("Wechatpay-Serial")).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
        assertThat(sent.bodyText()).doesNotContain(NAME).doesNotContain(PHONE).contains("\"note\":\"plain\"");
        JsonNode body = WechatPayJson.newObjectMapper().readTree(sent.body);
        assertThat(decrypt(body.get("name").asText(), TestKeys.WECHATPAY.getPrivate())).isEqualTo(NAME);
        assertThat(decrypt(body.at("/contact/mobile").asText(), TestKeys.WECHATPAY.getPrivate())).isEqualTo(PHONE);
        assertThat(body.get("type").asText()).isEqualTo("PERSONAL_OPENID");
    }

    @Test
    @DisplayName("decrypts annotated answer fields with the merchant private key")
    void decryptsAnswerFields() throws Exception {
        String answer = "{\"type\":\"PERSONAL_OPENID\",\"name\":\"" + encrypt(NAME, TestKeys.MERCHANT.getPublic())
                + "\",\"contact\":{\"mobile\":\"" + encrypt(PHONE, TestKeys.MERCHANT.getPublic())
                + "\",\"note\":\"plain\"}}";
        server.respond(r -> Answer.json(200, answer));
        Receiver got = client.execute(ApiRequest.builder("GET", "/v3/receiver").build(), Receiver.class).data();
        assertThat(got.name).isEqualTo(NAME);
        assertThat(got.contact.mobile).isEqualTo(PHONE);
        assertThat(got.contact.note).isEqualTo("plain");
        assertThat(got.toString()).doesNotContain(NAME);
    }

    @Test
    @DisplayName("refuses an answer field that does not decrypt, naming the field and no value")
    void refusesUndecryptableAnswerField() throws Exception {
        String wrongKey = encrypt(NAME, TestKeys.WECHATPAY.getPublic()); // encrypted to WeChat Pay, not the merchant
        server.respond(r -> Answer.json(200, "{\"name\":\"" + wrongKey + "\"}"));
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/receiver").build(), Receiver.class))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("field 'name'")
                .hasMessageContaining("does not decrypt with the merchant private key")
                .hasMessageNotContaining(NAME);
    }

    @Test
    @DisplayName("refuses an answer field that is not a string (no ciphertext) as a body that does not map")
    void refusesNonStringAnswerField() {
        server.respond(r -> Answer.json(200, "{\"name\":12345}"));
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("GET", "/v3/receiver").build(), Receiver.class))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("does not map to Receiver (at name): Cannot deserialize");
    }

    @Test
    @DisplayName("an empty sensitive answer field (WeChat Pay has no value) maps to \"\" without a decryption attempt")
    void emptyAnswerField() {
        server.respond(r -> Answer.json(200, "{\"type\":\"MERCHANT_ID\",\"name\":\"\"}"));
        Receiver receiver = client.execute(ApiRequest.builder("GET", "/v3/receiver").build(), Receiver.class).data();
        assertThat(receiver.name).isEmpty();
        assertThat(receiver.type).isEqualTo("MERCHANT_ID");
    }

    @Test
    @DisplayName("encryptSensitive and decryptSensitive use WeChat Pay's key and the merchant's key")
    void explicitEncryption() throws Exception {
        String ciphertext = client.encryptSensitive(PHONE);
        assertThat(decrypt(ciphertext, TestKeys.WECHATPAY.getPrivate())).isEqualTo(PHONE);
        assertThat(client.decryptSensitive(encrypt(PHONE, TestKeys.MERCHANT.getPublic()))).isEqualTo(PHONE);
        assertThat(client.encryptionKeyId()).isEqualTo(TestKeys.WECHATPAY_KEY_ID);
        assertThatThrownBy(() -> client.decryptSensitive("not base64!"))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("not Base64");
    }

    @Test
    @DisplayName("refuses text too long for one RSA block without echoing it")
    void tooLongPlaintext() {
        String secret = "秘".repeat(100); // 300 bytes of UTF-8
        assertThatThrownBy(() -> client.encryptSensitive(secret)).isInstanceOf(WechatPayException.class)
                .hasMessageContaining("214 bytes").hasMessageNotContaining("秘");
        Receiver receiver = receiver();
        receiver.name = secret;
        assertThatThrownBy(() -> client.execute(ApiRequest.builder("POST", "/v3/x").body(receiver).build(),
                Void.class)).isInstanceOf(WechatPayException.class).hasMessageContaining("field 'name'")
                .hasMessageNotContaining("秘");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("NotificationParser decrypts annotated resource fields with the merchant key it is given")
    void notificationFields() throws Exception {
        Instant now = Instant.parse("2026-03-01T02:00:00Z");
        String plaintext = "{\"type\":\"MERCHANT_ID\",\"name\":\"" + encrypt(NAME, TestKeys.MERCHANT.getPublic())
                + "\"}";
        String body = NotificationParserTest.envelope(plaintext, "receiver");
        NotificationParser.Builder builder = NotificationParser.builder()
                .wechatPayPublicKey(TestKeys.WECHATPAY_KEY_ID, TestKeys.WECHATPAY.getPublic())
                .apiV3Key("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").clock(Clock.fixed(now, ZoneOffset.UTC));
        java.util.Map<String, String> headers = NotificationParserTest.signedHeaders(body, now.getEpochSecond(),
                TestKeys.WECHATPAY_KEY_ID);

        assertThatThrownBy(() -> builder.build().parse(headers, body, Receiver.class))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("field 'name'")
                .hasMessageContaining("merchantPrivateKey");
        Receiver got = builder.merchantPrivateKey(TestKeys.MERCHANT.getPrivate()).build()
                .parse(headers, body, Receiver.class).resource();
        assertThat(got.name).isEqualTo(NAME);
        assertThat(got.type).isEqualTo("MERCHANT_ID");
    }
}
