package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The standalone main prints what a client needs and keeps its keys")
class SimulatorMainTest {

    @Test
    @DisplayName("it prints base URI, ids and key files, and a second start reuses the same keys")
    void printsAndReusesKeys(@TempDir Path keys) throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        String firstKeyId;
        String firstSerial;
        try (WechatPaySimulator s = SimulatorMain.start(new String[] {"--port", "0", "--keys-dir", keys.toString()},
                new PrintStream(first, true, StandardCharsets.UTF_8))) {
            String text = first.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("base URI             " + s.baseUri(), "mchid                1230000109",
                    "WeChat Pay key id    " + s.publicKeyId(), s.merchant().apiV3Key(), "BEGIN PUBLIC KEY",
                    "14 operations");
            assertThat(text).doesNotContain("PRIVATE KEY-----");
            firstKeyId = s.publicKeyId();
            firstSerial = s.merchant().certificateSerialNo();
        }
        assertThat(Files.readString(keys.resolve("apiclient_key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        try (WechatPaySimulator again = SimulatorMain.start(new String[] {"--port", "0", "--keys-dir", keys.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(again.publicKeyId()).isEqualTo(firstKeyId);
            assertThat(again.merchant().certificateSerialNo()).isEqualTo(firstSerial);
            assertThat(again.platformPublicKeyPem()).isEqualTo(Files.readString(keys.resolve("pub_key.pem")));
        }
    }

    @Test
    @DisplayName("--spec given twice serves both products and the control endpoints are listed")
    void severalSpecs(@TempDir Path keys) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WechatPaySimulator s = SimulatorMain.start(new String[] {"--port", "0", "--keys-dir", keys.toString(),
                "--spec", "payscore", "--spec", "payments"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(s.spec().operationIds()).contains("createPayscorePlan", "jsapiPrepay", "getTradeBill")
                    .hasSize(14 + 18);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("32 operations",
                    "POST /_testkit/transactions/{out_trade_no}/pay", "POST /_testkit/faults",
                    "POST /_testkit/user-sign-plans/{merchant_sign_plan_no}/sign");
        }
    }

    @Test
    @DisplayName("combining specs that share an operationId is refused, naming it")
    void combineRefusesDuplicates() {
        assertThatThrownBy(() -> SimulatorSpec.combine(PaymentsSimulatorTest.PAYMENTS, PaymentsSimulatorTest.PAYMENTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is in two specs");
    }

    @Test
    @DisplayName("bad arguments are refused with a message naming them")
    void badArguments() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "eighty"}, out))
                .hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--colour", "red"}, out))
                .hasMessageContaining("unknown option --colour");
    }
}
