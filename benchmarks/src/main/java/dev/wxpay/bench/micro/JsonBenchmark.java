package dev.wxpay.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.wechat.pay.java.core.util.GsonUtil;
import dev.wxpay.bench.e2e.minimum.MinimumCall;
import dev.wxpay.bench.e2e.minimum.MinimumModels;
import dev.wxpay.bench.e2e.official.OfficialModels;
import dev.wxpay.bench.e2e.official.OfficialSdkCall;
import dev.wxpay.bench.fixture.SeedFixture;
import dev.wxpay.bench.e2e.generated.GeneratedClientCall;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanRequest;
import dev.wxpay.payscore.model.CreatePartnerUserSignPlanResponse;
import dev.wxpay.runtime.WechatPayJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Micro: JSON of the seed request (write) and response (read). {@code runtime}: the product's mapper
 * ({@link WechatPayJson#newObjectMapper()}) with the generated models; {@code jackson}: a plain default ObjectMapper
 * with the hand-written minimum's models; {@code gson}: the official SDK's Gson with its style of models.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class JsonBenchmark {
    private ObjectMapper runtimeMapper;
    private ObjectMapper plainMapper;
    private Gson gson;
    private CreatePartnerUserSignPlanRequest generatedRequest;
    private MinimumModels.Request minimumRequest;
    private OfficialModels.Request officialRequest;
    private byte[] response;

    @Setup(Level.Trial)
    public void setUp() {
        runtimeMapper = WechatPayJson.newObjectMapper();
        plainMapper = new ObjectMapper().findAndRegisterModules()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                        true);
        gson = GsonUtil.getGson();
        generatedRequest = GeneratedClientCall.newRequest();
        minimumRequest = MinimumCall.newRequest();
        officialRequest = OfficialSdkCall.newRequest();
        response = SeedFixture.RESPONSE_BYTES;
    }

    @Benchmark
    public byte[] request_write_runtime() throws IOException {
        return runtimeMapper.writeValueAsBytes(generatedRequest);
    }

    @Benchmark
    public byte[] request_write_jackson() throws IOException {
        return plainMapper.writeValueAsBytes(minimumRequest);
    }

    @Benchmark
    public byte[] request_write_gson() {
        return gson.toJson(officialRequest).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Object response_read_runtime() throws IOException {
        return runtimeMapper.readValue(response, CreatePartnerUserSignPlanResponse.class);
    }

    @Benchmark
    public Object response_read_jackson() throws IOException {
        return plainMapper.readValue(response, MinimumModels.Response.class);
    }

    @Benchmark
    public Object response_read_gson() {
        return gson.fromJson(new String(response, StandardCharsets.UTF_8), OfficialModels.Response.class);
    }
}
