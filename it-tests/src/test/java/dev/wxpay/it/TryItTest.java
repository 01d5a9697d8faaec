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
    @DisplayName("prints the seed call's typed answer and then the typed notification after the user signs")
    void walksThrough() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TryIt.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("2. new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(request)",
                "HTTP 200", "signature verified", "SIGN-0001", "sign_state=UNSIGNED",
                "3. the user signs; the notify handler receives PAYSCORE.USER_SIGN_PLAN", "SIGNED");
        assertThat(out.indexOf("sign_state=UNSIGNED")).isLessThan(out.indexOf("3. the user signs"));
        assertThat(out.substring(out.indexOf("3. the user signs"))).contains("sign_state=SIGNED");
    }
}
