package dev.wxpay.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.runtime.Interceptor;
import dev.wxpay.runtime.VerificationException;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.Objects;

/**
 * Observes every WeChat Pay call as {@value #NAME}, tagged with the operation id, the HTTP method, the status, WeChat
 * Pay's error code and an outcome; never merchant numbers, paths (they carry order numbers) or bodies. It is the
 * outermost link of the client's chain, so a verification failure is observed too. Thread-safe.
 */
public final class WechatPayObservationInterceptor implements Interceptor {
    /** The observation (and, with a meter registry, the timer) name. */
    public static final String NAME = "wxpay.client.requests";

    private static final String NONE = "none";

    private final ObservationRegistry registry;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param registry where observations go */
    public WechatPayObservationInterceptor(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public WireResponse intercept(Chain chain) {
        WireRequest request = chain.request();
        Observation observation = Observation.createNotStarted(NAME, registry)
                .lowCardinalityKeyValue("operation", request.operationId() == null ? NONE : request.operationId())
                .lowCardinalityKeyValue("method", request.method())
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            WireResponse response = chain.proceed(request);
            observation.lowCardinalityKeyValue("status", Integer.toString(response.statusCode()))
                    .lowCardinalityKeyValue("error.code", errorCode(response))
                    .lowCardinalityKeyValue("outcome", outcome(response.statusCode()));
            return response;
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue("status", "IO_ERROR").lowCardinalityKeyValue("error.code", NONE)
                    .lowCardinalityKeyValue("outcome", e instanceof VerificationException ? "UNVERIFIED" : "ERROR")
                    .error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private static String outcome(int status) {
        if (status < 300) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    /** WeChat Pay's error {@code code} (a small fixed vocabulary such as PARAM_ERROR), or "none". */
    private String errorCode(WireResponse response) {
        if (response.isSuccessful() || response.bodyLength() == 0) {
            return NONE;
        }
        try {
            JsonNode code = mapper.readTree(response.bodyBytes()).get("code");
            return code != null && code.isTextual() ? code.asText() : NONE;
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    @Override
    public String toString() {
        return "WechatPayObservationInterceptor[" + NAME + "]";
    }
}
