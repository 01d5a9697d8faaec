package app;

import dev.wxpay.payscore.api.PayscorePlansApi;
import dev.wxpay.payscore.model.CreatePayscorePlanRequest;
import dev.wxpay.payscore.model.CreatePlanDetail;
import dev.wxpay.payscore.model.PayscorePlan;
import dev.wxpay.runtime.PemKeys;
import dev.wxpay.runtime.WechatPayClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Creates one PayScore plan and prints its id: args are base URI, mchid, serial, key file, public key id, key file. */
public final class Main {
    public static void main(String[] args) {
        WechatPayClient client = WechatPayClient.builder().baseUri(URI.create(args[0])).merchantId(args[1])
                .merchantSerialNumber(args[2]).merchantPrivateKey(PemKeys.privateKey(Path.of(args[3])))
                .wechatPayPublicKey(args[4], PemKeys.publicKey(Path.of(args[5]))).build();
        PayscorePlan plan = new PayscorePlansApi(client).createPayscorePlan(new CreatePayscorePlanRequest()
                .serviceId("2002000000000558128851361561536").appid("wxd678efh567hg6787").planName("瑜伽课2节")
                .planDuration(30).deductionQuantity(2).totalOriginalPrice(20000L).totalActualPrice(18000L)
                .planDetailList(List.of(new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                        .planDetailName("第1节课"), new CreatePlanDetail().originalPrice(10000L).actualPrice(9000L)
                        .planDetailName("第2节课")))
                .merchantPlanNo(args[6]));
        System.out.println("module=" + Main.class.getModule().getName()
                + " client=" + PayscorePlansApi.class.getModule().getName()
                + " runtime=" + WechatPayClient.class.getModule().getName() + " plan_id=" + plan.getPlanId());
    }
}
