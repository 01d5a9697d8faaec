package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.api.UserSignPlansApi;
import dev.wxpay.payscore.model.CreateUserSignPlanRequest;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.payscore.model.UserSignPlan;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WireResponse;
import dev.wxpay.testkit.WechatPaySimulator;
import dev.wxpay.testkit.WechatPaySimulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WeChat Pay sends {@code ""} for date-times it does not know yet ({@code sign_time} of an unsigned plan,
 * {@code stop_time} of a running one); the simulator does the same by default. These tests check, on the raw bytes
 * the client received, that the {@code ""} really was on the wire, and that the generated models read it as null.
 */
@DisplayName("Empty-string date-times from WeChat Pay read as null in the generated client")
class EmptyDateTimesTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension WXPAY = WechatPaySimulatorExtension.builder()
            .simulator(b -> b.notificationRetryDelays(List.of(Duration.ZERO)))
            .build();

    /** A client like the injected one that also keeps every raw answer body it verified. */
    private static WechatPayClient recordingClient(WechatPaySimulator sim, List<String> rawBodies) {
        return Fixtures.clientFor(sim)
                .addInterceptor(chain -> {
                    WireResponse response = chain.proceed(chain.request());
                    rawBodies.add(response.bodyAsString());
                    return response;
                })
                .build();
    }

    @Test
    @DisplayName("answers: an unsigned sign plan's \"sign_time\":\"\" and a running plan's \"stop_time\":\"\" are null")
    void responses(WechatPaySimulator sim) {
        List<String> raw = new CopyOnWriteArrayList<>();
        WechatPayClient client = recordingClient(sim, raw);

        PayscorePlan plan = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")));
        assertThat(raw.get(0)).contains("\"stop_time\":\"\"");
        assertThat(plan.getStopTime()).isNull();

        CreateUserSignPlanRequest request = Fixtures.directSignPlan(plan.getPlanId(), Fixtures.plainNo("U"),
                "https://merchant.example/notify");
        new UserSignPlansApi(client).createUserSignPlan(request);
        UserSignPlan read = new UserSignPlansApi(client).getUserSignPlan(request.getMerchantSignPlanNo());

        assertThat(raw.get(2)).contains("\"sign_time\":\"\"", "\"cancel_sign_time\":\"\"");
        assertThat(read.getSignState()).isEqualTo("UNSIGNED");
        assertThat(read.getSignTime()).isNull();
        assertThat(read.getCancelSignTime()).isNull();
        assertThat(read.getPlanOverTime()).isNotNull();
    }

    @Test
    @DisplayName("notifications: a plan cancelled before signing arrives with \"sign_time\":\"\", read as null")
    void notification(WechatPaySimulator sim, WechatPayClient client, NotificationParser parser) throws Exception {
        try (SignPlanNotifyEndpoint endpoint = new SignPlanNotifyEndpoint(parser)) {
            String planId = new PayscorePlansApi(client).createPayscorePlan(Fixtures.directPlan(Fixtures.plainNo("D")))
                    .getPlanId();
            CreateUserSignPlanRequest request = Fixtures.directSignPlan(planId, Fixtures.plainNo("U"),
                    endpoint.url("direct"));
            new UserSignPlansApi(client).createUserSignPlan(request);

            sim.simulateUserCancel(request.getMerchantSignPlanNo());
            Notification<UserSignPlan> n = SignPlanNotifyEndpoint.next(endpoint.direct);

            assertThat(n.plaintext()).contains("\"sign_time\":\"\"");
            assertThat(n.resource().getSignState()).isEqualTo("TERMINATED");
            assertThat(n.resource().getSignTime()).isNull();
            assertThat(n.resource().getCancelSignTime()).isNotNull();
        }
    }
}
