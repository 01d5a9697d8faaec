package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One simulator serves several merchants, each with its own keys and its own plans")
class MultipleMerchantsTest {

    @Test
    @DisplayName("each merchant signs with its own key, and one merchant's plan is unknown to the other")
    void merchantsAreApart() {
        SimulatedMerchant second = SimulatedMerchant.generate("1900000002", new SecureRandom());
        try (WechatPaySimulator sim = TestKeys.simulator().merchant(second).start()) {
            MerchantCalls first = new MerchantCalls(sim, Clock.systemUTC());
            MerchantCalls other = new MerchantCalls(sim, second, Clock.systemUTC());
            String body = PayscoreSimulatorTest.planRequest("SHARED-NO", false).toString();

            assertThat(first.call("POST", "/v3/payscore/plan/payscore-plans", body).status()).isEqualTo(200);
            assertThat(other.call("POST", "/v3/payscore/plan/payscore-plans", body).status()).isEqualTo(200);
            MerchantCalls.Answer read = other.call("GET", "/v3/payscore/plan/payscore-plans/merchant-plan-no/SHARED-NO",
                    null);

            assertThat(read.json().get("mchid").asText()).isEqualTo("1900000002");
            assertThat(sim.merchants()).extracting(SimulatedMerchant::mchid).containsExactly("1230000109", "1900000002");
            assertThat(first.call("GET", "/v3/payscore/plan/payscore-plans/merchant-plan-no/SHARED-NO", null)
                    .json().get("mchid").asText()).isEqualTo("1230000109");
        }
    }
}
