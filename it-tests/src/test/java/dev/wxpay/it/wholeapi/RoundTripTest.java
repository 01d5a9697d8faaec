package dev.wxpay.it.wholeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.runtime.ApiResponse;
import dev.wxpay.runtime.Download;
import dev.wxpay.runtime.ServiceException;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WechatPayJson;
import dev.wxpay.testkit.RequestExample;
import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.SimulatorSpec;
import dev.wxpay.testkit.WechatPaySimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every operation of the whole bundled API, called once through the generated client (the {@link WholeApiBuild}
 * output, loaded with the runtime) against one simulator serving the whole bundled spec. Each request is the spec's
 * example or a schema-valid instance ({@link SimulatorSpec#requestExample}), read by Jackson into the typed request
 * model the generated method takes; the simulator checks the signature and validates the request (a
 * {@code 400 PARAM_ERROR} fails the operation) and answers a signed, schema-valid example that the client must map
 * into the method's typed answer. A file download is called through its stream method and answered with a file,
 * unsigned, as WeChat Pay does; its bytes must arrive. Prints {@code ROUNDTRIP operations=<n> passed=<p>}; every failure is listed with its
 * operationId and reason in target/whole-api/roundtrip-report.txt.
 */
@DisplayName("The whole bundled API round trip")
class RoundTripTest {

    private static final ObjectMapper JSON = WechatPayJson.newObjectMapper();

    @Test
    @DisplayName("calls every operation once through the generated client and maps every signed answer")
    void everyOperationRoundTrips() throws Exception {
        assumeTrue(WholeApiBuild.available(),
                "the wxpay-spec jar does not bundle the whole API yet (" + BundledSpecs.INDEX + ")");
        WholeApiBuild build = WholeApiBuild.get();
        assertThat(build.compilation().errors()).as("the whole API compiles (see WholeApiTest)").isEmpty();
        SimulatorSpec spec = SimulatorSpec.wholeApi();
        List<JsonNode> operations = operations(JSON.readTree(WholeApiBuild.modelDump().toFile()));

        Map<String, String> failures = new TreeMap<>();
        int passed = 0;
        long start = System.nanoTime();
        // The PayScore and payments state is tested by its own flows; here every operation answers from the spec.
        try (WechatPaySimulator simulator = WechatPaySimulator.builder().spec(spec).specAnswersOnly(true).start();
             WechatPayClient client = clientFor(simulator);
             URLClassLoader loader = new URLClassLoader(new URL[] {WholeApiBuild.classes().toUri().toURL()},
                     RoundTripTest.class.getClassLoader())) {
            for (JsonNode op : operations) {
                String operationId = op.get("operationId").asText();
                try {
                    String problem = call(loader, client, op, spec.requestExample(operationId));
                    if (problem == null) {
                        passed++;
                    } else {
                        failures.put(operationId, problem);
                    }
                } catch (RuntimeException | ReflectiveOperationException | IOException e) {
                    failures.put(operationId, describe(e));
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int n = operations.size();
        System.out.println("ROUNDTRIP operations=" + n + " passed=" + passed);

        StringBuilder report = new StringBuilder("# wxpay-codegen round-trip report\n");
        report.append("operations=").append(n).append(" passed=").append(passed).append(" failed=")
                .append(failures.size()).append("; the calls took ").append(millis).append(" ms\n\n## failures\n");
        failures.forEach((id, reason) -> report.append(id).append("\n    ").append(reason).append('\n'));
        Files.writeString(WholeApiBuild.TARGET.resolve("roundtrip-report.txt"), report, StandardCharsets.UTF_8);

        assertThat(failures).as("failed operations (see target/whole-api/roundtrip-report.txt)").isEmpty();
        assertThat(n).as("operations in the generator's model").isEqualTo(build.result().operations());
        assertThat(passed).as("passed = operations").isEqualTo(n);
    }

    /** Every operation of every product's API classes, each with its class name added, in model order. */
    private static List<JsonNode> operations(JsonNode dump) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode model : dump.isArray() ? dump : JSON.createArrayNode().add(dump)) {
            for (JsonNode api : model.path("apis")) {
                String className = api.get("packageName").asText() + "." + api.get("className").asText();
                for (JsonNode op : api.path("operations")) {
                    out.add(((com.fasterxml.jackson.databind.node.ObjectNode) op.deepCopy())
                            .put("apiClass", className));
                }
                for (JsonNode op : api.path("downloads")) {
                    out.add(((com.fasterxml.jackson.databind.node.ObjectNode) op.deepCopy())
                            .put("apiClass", className));
                }
            }
        }
        return out;
    }

    /** Calls one operation's {@code …WithHttpInfo} method; null when the typed answer came back, else why not. */
    private static String call(ClassLoader loader, WechatPayClient client, JsonNode op, RequestExample example)
            throws ReflectiveOperationException, IOException {
        Class<?> apiClass = Class.forName(op.get("apiClass").asText(), true, loader);
        Object api = apiClass.getConstructor(WechatPayClient.class).newInstance(client);
        JsonNode parameters = op.get("parameters");
        if (op.path("download").asBoolean()) {
            return download(apiClass, api, op, example, client);
        }
        Method method = method(apiClass, op.get("methodName").asText() + "WithHttpInfo", parameters.size());
        Object[] args = new Object[parameters.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = argument(parameters.get(i), method.getGenericParameterTypes()[i], example, client);
        }
        ApiResponse<?> response;
        try {
            response = (ApiResponse<?>) method.invoke(api, args);
        } catch (InvocationTargetException e) {
            return describe(e.getCause());
        }
        Type answerType = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
        Class<?> answerClass = raw(answerType);
        if (answerClass == Void.class) {
            return response.data() == null ? null : "an answer without body mapped to " + response.data();
        }
        if (response.data() == null) {
            return "the answer was not mapped: data() is null (status " + response.statusCode() + ")";
        }
        return answerClass.isInstance(response.data()) ? null
                : "the answer was mapped to " + response.data().getClass().getName() + ", not " + answerType;
    }

    /**
     * Calls a file download's stream method: the simulator answers a file, unsigned, made from the request line;
     * null when exactly those bytes arrived and the {@code Download} counts them.
     */
    private static String download(Class<?> apiClass, Object api, JsonNode op, RequestExample example,
                                   WechatPayClient client) throws ReflectiveOperationException, IOException {
        JsonNode parameters = op.get("parameters");
        Method method = method(apiClass, op.get("methodName").asText(), parameters.size() + 1, OutputStream.class);
        Object[] args = new Object[parameters.size() + 1];
        for (int i = 0; i < parameters.size(); i++) {
            args[i] = argument(parameters.get(i), method.getGenericParameterTypes()[i], example, client);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        args[parameters.size()] = out;
        Download download;
        try {
            download = (Download) method.invoke(api, args);
        } catch (InvocationTargetException e) {
            return describe(e.getCause());
        }
        if (download.bytesWritten() != out.size()) {
            return "the download wrote " + out.size() + " bytes but reported " + download.bytesWritten();
        }
        // The simulator's file names the request line it answered: the generated request, exactly as sent.
        Method request = apiClass.getDeclaredMethod(op.get("methodName").asText() + "Request",
                java.util.Arrays.copyOf(method.getParameterTypes(), parameters.size()));
        request.setAccessible(true);
        String target = ((dev.wxpay.runtime.ApiRequest) request.invoke(null,
                java.util.Arrays.copyOf(args, parameters.size()))).pathAndQuery();
        String file = out.toString(StandardCharsets.UTF_8);
        return file.equals("wxpay-testkit file GET " + target + "\n") ? null
                : "the file that arrived is not the one answered for " + target + ": " + file;
    }

    private static Method method(Class<?> apiClass, String name, int parameterCount) {
        return method(apiClass, name, parameterCount, null);
    }

    /** The public method by name and arity, and with {@code last} as its last parameter type when not null. */
    private static Method method(Class<?> apiClass, String name, int parameterCount, Class<?> last) {
        for (Method m : apiClass.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameterCount
                    && (last == null || m.getParameterTypes()[parameterCount - 1] == last)) {
                return m;
            }
        }
        throw new IllegalStateException(apiClass.getName() + " has no method " + name + " with " + parameterCount
                + " parameters");
    }

    /** The value of one Java parameter, from the request example: the model's location and wire name say which. */
    private static Object argument(JsonNode parameter, Type type, RequestExample example, WechatPayClient client)
            throws IOException {
        String location = parameter.get("location").asText();
        String wireName = parameter.get("wireName").asText();
        String javaName = parameter.get("javaName").asText();
        switch (location) {
            case "path":
            case "query":
            case "header": {
                String text = ("path".equals(location) ? example.pathParameters() : "query".equals(location)
                        ? example.queryParameters() : example.headerParameters()).get(wireName);
                // A sensitive value is passed in plaintext: the generated request builder encrypts it.
                return text == null ? null : JSON.convertValue(text, JSON.constructType(type));
            }
            case "body":
                return example.bodyJson().isEmpty() ? null
                        : JSON.readValue(example.bodyJson().get(), JSON.constructType(type));
            case "form": {
                if ("meta".equals(wireName)) {
                    return example.bodyJson().orElseThrow();
                }
                String field = example.formFields().get(wireName);
                if (field != null) {
                    return JSON.convertValue(field, JSON.constructType(type));
                }
                // The file part is three parameters: its file name, its content type and its bytes.
                if (type == byte[].class) {
                    return example.file();
                }
                if (javaName.endsWith("ContentType")) {
                    return "image/png";
                }
                return javaName.endsWith("Name") ? "example.png" : null;
            }
            default:
                throw new IllegalStateException("parameter " + javaName + " is in an unknown location " + location);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static String describe(Throwable e) {
        if (e instanceof ServiceException s) {
            return s.statusCode() + " " + s.errorCode() + ": " + s.errorMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e + (root == e ? "" : " (caused by " + root + ")");
    }

    private static WechatPayClient clientFor(WechatPaySimulator sim) {
        SimulatedMerchant m = sim.merchant();
        return WechatPayClient.builder().baseUri(sim.baseUri()).merchantId(m.mchid())
                .merchantSerialNumber(m.certificateSerialNo()).merchantPrivateKey(m.privateKey().orElseThrow())
                .wechatPayPublicKey(sim.publicKeyId(), sim.platformPublicKey()).build();
    }
}
