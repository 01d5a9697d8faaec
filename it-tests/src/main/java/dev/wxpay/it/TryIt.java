package dev.wxpay.it;

import dev.wxpay.payscore.Wxpay;
import dev.wxpay.payscore.model.CreatePartnerPayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanResponse;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.payscore.model.PartnerPayscorePlan;
import dev.wxpay.payscore.model.PartnerUserSignPlan;
import dev.wxpay.payscore.model.SignPlanDetail;
import dev.wxpay.payscore.notification.PayscoreNotifications;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.Notification;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Try it": starts the WeChat Pay simulator, makes the seed call (create a partner user sign plan)
 * through the generated client in the seed's chain style, prints the typed answer, lets the simulated user sign, and
 * prints the notification the merchant's handler received, verified, decrypted and typed; then takes a payment
 * ({@link TryItPayment}).
 *
 * <p>Run with {@code mvn -B -q -DskipTests -Ptry-it -pl it-tests -am verify}, or with
 * {@code mvn -B -q -pl it-tests exec:java} after {@code mvn -B -DskipTests install}. No instances; each
 * {@link #run} call starts and stops its own simulator, so concurrent calls do not interfere.
 */
public final class TryIt {

    private TryIt() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("slf4j.internal.verbosity", "ERROR"); // Swagger Parser's logger has no binding here
        run(System.out);
    }

    /** The whole walk-through, printing to {@code out}. */
    public static void run(PrintStream out) throws Exception {
        try (WechatPaySimulator simulator = WechatPaySimulator.builder()
                .notificationRetryDelays(List.of(Duration.ofMillis(200), Duration.ofSeconds(1))).start();
             SignPlanNotifications handler = new SignPlanNotifications(simulator)) {
            SimulatedMerchant merchant = simulator.merchant();
            out.println("WeChat Pay simulator on " + simulator.baseUri() + " (mchid " + merchant.mchid()
                    + ", WeChat Pay key " + simulator.publicKeyId() + ")");

            WechatPayClient client = WechatPayClient.builder()
                    .baseUri(simulator.baseUri())
                    .merchantId(merchant.mchid())
                    .merchantSerialNumber(merchant.certificateSerialNo())
                    .merchantPrivateKey(merchant.privateKey().orElseThrow())
                    .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey())
                    .build();
            Wxpay wxpay = new Wxpay(client);

            PartnerPayscorePlan plan = wxpay.v3().payscore().plan().partner().payscorePlans()
                    .post(new CreatePartnerPayscorePlanRequest()
                            .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787")
                            .subMchid("1900000109").planName("瑜伽课2节").planDuration(30).deductionQuantity(2)
                            .totalOriginalPrice(20000L).totalActualPrice(18000L)
                            .planDetailList(List.of(
                                    new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L).planDetailName("第1节课"),
                                    new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L).planDetailName("第2节课")))
                            .merchantPlanNo("PLAN-0001"))
                    .data();
            out.println();
            out.println("1. the plan to sign against: plan_id " + plan.getPlanId() + ", " + plan.getPlanState());

            CreatePartnerUserSignPlanRequest request = new CreatePartnerUserSignPlanRequest()
                    .serviceId(plan.getServiceId()).planId(plan.getPlanId()).appid("wxd678efh567hg6787")
                    .subMchid("1900000109").openid("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                    .merchantSignPlanNo("SIGN-0001").notifyUrl(handler.url())
                    .signPlanDetail(List.of(new SignPlanDetail().planDetailNo(1).merchantPlanDetailNo("SIGN-0001-1")));
            ApiResponse<CreatePartnerUserSignPlanResponse> response = wxpay.v3().payscore().signPlan().partner()
                    .userSignPlans().post(request);
            out.println();
            out.println("2. new Wxpay(client).v3().payscore().signPlan().partner().userSignPlans().post(request)");
            out.println("   HTTP " + response.statusCode() + ", Request-ID " + response.requestId()
                    + ", signature verified");
            out.println("   " + response.data());

            simulator.simulateUserSign("SIGN-0001");
            Notification<PartnerUserSignPlan> notification = handler.received.get(30, TimeUnit.SECONDS);
            out.println();
            out.println("3. the user signs; the notify handler receives " + notification.eventType()
                    + " (id " + notification.id() + "), verified and decrypted:");
            out.println("   " + notification.resource());
        }
        TryItPayment.run(out, 4);
    }

    /** The merchant's sign-plan notify endpoint: the typed sign plan it received. */
    private static final class SignPlanNotifications implements AutoCloseable {
        final CompletableFuture<Notification<PartnerUserSignPlan>> received = new CompletableFuture<>();
        private final DemoNotifyEndpoint endpoint;

        SignPlanNotifications(WechatPaySimulator simulator) throws IOException {
            endpoint = new DemoNotifyEndpoint(simulator, "/payscore/sign-plan", (parser, path, headers, body) ->
                    received.complete(PayscoreNotifications.parseNotifyPartnerUserSignPlan(parser, headers, body)));
        }

        String url() {
            return endpoint.url("");
        }

        @Override
        public void close() {
            endpoint.close();
        }
    }
}
