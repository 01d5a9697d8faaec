package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.SensitiveField;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.WechatPayClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The simulator decrypts x-wxpay-sensitive request fields with the key Wechatpay-Serial names, and"
        + " encrypts them in answers to the merchant")
class SimulatorSensitiveFieldsTest {
    static final SimulatorSpec SENSITIVE = SimulatorSpec.fromClasspath("sensitive.yaml",
            SimulatorSensitiveFieldsTest.class.getClassLoader());
    static WechatPaySimulator simulator;
    static WechatPayClient client;

    /** A hand-written model shaped like a generated one. */
    public static class Receiver {
        @JsonProperty("type")
        public String type = "PERSONAL_OPENID";
        @JsonProperty("name")
        @SensitiveField
        public String name;
        @JsonProperty("contacts")
        public List<Contact> contacts;
    }

    public static class Contact {
        @JsonProperty("mobile")
        @SensitiveField
        public String mobile;
    }

    @BeforeAll
    static void start() {
        simulator = TestKeys.simulator().spec(SENSITIVE).start();
        SimulatedMerchant merchant = simulator.merchant();
        client = WechatPayClient.builder().baseUri(simulator.baseUri()).merchantId(merchant.mchid())
                .merchantSerialNumber(merchant.certificateSerialNo())
                .merchantPrivateKey(merchant.privateKey().orElseThrow())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    private static ApiRequest add(Object body) {
        return ApiRequest.builder("POST", "/v3/receivers").operationId("addReceiver").body(body).build();
    }

    @Test
    @DisplayName("accepts fields the client encrypted, nested ones in arrays too, and never sees them in plaintext")
    void acceptsEncryptedFields() {
        Receiver receiver = new Receiver();
        receiver.name = "张三";
        Contact contact = new Contact();
        contact.mobile = "13800138000";
        receiver.contacts = List.of(contact);

        assertThat(client.execute(add(receiver), JsonNode.class).statusCode()).isEqualTo(200);
        RecordedRequest sent = simulator.lastRequest().orElseThrow();
        assertThat(sent.bodyText()).doesNotContain("张三").doesNotContain("13800138000");
        assertThat(sent.header("Wechatpay-Serial")).contains(simulator.publicKeyId());
    }

    @Test
    @DisplayName("encrypts marked answer fields to the merchant's key; the client reads them back in plaintext")
    void encryptsAnswerFields() {
        ApiRequest get = ApiRequest.builder("GET", "/v3/receivers/{account}").pathParam("account", "o-1").build();
        JsonNode raw = client.execute(get, JsonNode.class).data();
        assertThat(raw.get("name").asText()).isNotEqualTo("张三").hasSizeGreaterThan(300);
        assertThat(client.decryptSensitive(raw.get("name").asText())).isEqualTo("张三");

        Receiver receiver = client.execute(get, Receiver.class).data();
        assertThat(receiver.name).isEqualTo("张三");
        assertThat(receiver.contacts.get(0).mobile).isEqualTo("13800138000");
        assertThat(receiver.type).isEqualTo("PERSONAL_OPENID");
    }

    @Test
    @DisplayName("answers 400 PARAM_ERROR naming a field sent in plaintext, without echoing it")
    void refusesPlaintext() {
        String body = "{\"type\":\"PERSONAL_OPENID\",\"name\":\"张三\"}";
        assertThatThrownBy(() -> client.execute(add(body), JsonNode.class))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("PARAM_ERROR");
                    assertThat(e.detail().get("field").asText()).isEqualTo("name");
                    assertThat(e.responseBody()).doesNotContain("张三");
                });
        String nested = "{\"type\":\"T\",\"name\":\"" + client.encryptSensitive("张三")
                + "\",\"contacts\":[{\"mobile\":\"13800138000\"}]}";
        assertThatThrownBy(() -> client.execute(add(nested), JsonNode.class))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.detail().get("field").asText()).isEqualTo("contacts[0].mobile"));
    }
}
