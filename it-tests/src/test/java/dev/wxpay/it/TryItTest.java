package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's Try-it walk-through")
class TryItTest {

    @Test
    @DisplayName("prints the seed call's typed answer, the typed notification after the user signs, then the payment walk")
    void walksThrough() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TryIt.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("2. new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(request)",
                "HTTP 200", "signature verified", "SIGN-0001", "sign_state=UNSIGNED",
                "3. the user signs; the notify handler receives PAYSCORE.USER_SIGN_PLAN", "SIGNED");
        assertThat(out.indexOf("sign_state=UNSIGNED")).isLessThan(out.indexOf("3. the user signs"));
        assertThat(out.substring(out.indexOf("3. the user signs"))).contains("sign_state=SIGNED");
        String payment = out.substring(out.indexOf("4. new Wxpay(client).v3().pay().transactions().jsapi().post(order)"));
        assertThat(payment).contains("{appId=wxd678efh567hg6787, timeStamp=", "package=prepay_id=", "signType=RSA",
                "6. the user pays; the notify handler receives TRANSACTION.SUCCESS", "trade_state=SUCCESS",
                "the query agrees: true", "7. a refund of 30 fen: PROCESSING, then REFUND.SUCCESS", "8. the trade bill of",
                "SHA1", " checked, ");
    }
}
