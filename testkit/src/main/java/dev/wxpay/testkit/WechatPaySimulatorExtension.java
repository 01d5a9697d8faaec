package dev.wxpay.testkit;

import dev.wxpay.runtime.NotificationParser;
import dev.wxpay.runtime.WechatPayClient;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts a {@link WechatPaySimulator} for a test class and injects it, a ready
 * {@link WechatPayClient} for its merchant, a {@link NotificationParser} that trusts it, and the
 * {@link SimulatedMerchant} into test and lifecycle method parameters. The simulator lives from before the first
 * test of the class to after the last, so state (plans, sign plans) carries across the class's tests.
 *
 * <pre>{@code
 * @ExtendWith(WechatPaySimulatorExtension.class)
 * class MyPaymentsTest {
 *     @Test
 *     void createsASignPlan(WechatPaySimulator simulator, WechatPayClient client) { ... }
 * }
 *
 * // or configured, as a static field:
 * @RegisterExtension
 * static final WechatPaySimulatorExtension WXPAY = WechatPaySimulatorExtension.builder()
 *         .simulator(b -> b.notificationRetryDelays(List.of(Duration.ZERO)))
 *         .client(b -> b.timeout(Duration.ofSeconds(2)))
 *         .build();
 * }</pre>
 *
 * <p>Key pairs and the default PayScore spec are made once per test run (kept in JUnit's root store, not in static
 * fields), so every simulator after the first starts in milliseconds. Thread-safe for JUnit's use: one simulator
 * per test class, reachable concurrently from that class's tests.
 */
public final class WechatPaySimulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(WechatPaySimulatorExtension.class);

    private final Consumer<WechatPaySimulator.Builder> simulatorCustomizer;
    private final Consumer<WechatPayClient.Builder> clientCustomizer;

    /** The default extension, for {@code @ExtendWith}. */
    public WechatPaySimulatorExtension() {
        this(b -> { }, b -> { });
    }

    private WechatPaySimulatorExtension(Consumer<WechatPaySimulator.Builder> simulatorCustomizer,
                                        Consumer<WechatPayClient.Builder> clientCustomizer) {
        this.simulatorCustomizer = simulatorCustomizer;
        this.clientCustomizer = clientCustomizer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Keys made once per test run and shared by every simulator of the run (the expensive part of starting). */
    private static final class RunKeys {
        final KeyPair platform;
        final SimulatedMerchant merchant;

        RunKeys() {
            SecureRandom random = new SecureRandom();
            this.platform = Crypto.generateRsaKeyPair(random);
            this.merchant = SimulatedMerchant.generate(WechatPaySimulator.Builder.DEFAULT_MCHID, random);
        }
    }

    /** What one test class gets; closed by JUnit with the class's store. */
    private static final class Started implements ExtensionContext.Store.CloseableResource {
        final WechatPaySimulator simulator;
        final WechatPayClient client;
        final NotificationParser parser;

        Started(WechatPaySimulator simulator, WechatPayClient client, NotificationParser parser) {
            this.simulator = simulator;
            this.client = client;
            this.parser = parser;
        }

        @Override
        public void close() {
            simulator.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Started s = context.getStore(NAMESPACE).remove(key(context), Started.class);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WechatPaySimulator.class || type == WechatPayClient.class || type == NotificationParser.class
                || type == SimulatedMerchant.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started s = started(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == WechatPaySimulator.class) {
            return s.simulator;
        }
        if (type == WechatPayClient.class) {
            return s.client;
        }
        if (type == NotificationParser.class) {
            return s.parser;
        }
        if (type == SimulatedMerchant.class) {
            return s.simulator.merchant();
        }
        throw new ParameterResolutionException("cannot resolve " + type);
    }

    /** The simulator of the test class {@code context} belongs to. */
    public WechatPaySimulator simulator(ExtensionContext context) {
        return started(context).simulator;
    }

    private Started started(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key(classContext), k -> start(classContext),
                Started.class);
    }

    private Started start(ExtensionContext classContext) {
        ExtensionContext.Store root = classContext.getRoot().getStore(NAMESPACE);
        RunKeys keys = root.getOrComputeIfAbsent(RunKeys.class, k -> new RunKeys(), RunKeys.class);
        WechatPaySimulator.Builder b = WechatPaySimulator.builder()
                .platformKey(keys.platform, "PUB_KEY_ID_0100000000000000000000000001");
        simulatorCustomizer.accept(b);
        if (!b.hasMerchants()) {
            b.merchant(keys.merchant);
        }
        if (!b.hasSpec()) {
            b.spec(root.getOrComputeIfAbsent(SimulatorSpec.class, k -> SimulatorSpec.payscore(), SimulatorSpec.class));
        }
        WechatPaySimulator simulator = b.start();
        try {
            SimulatedMerchant m = simulator.merchant();
            WechatPayClient.Builder cb = WechatPayClient.builder()
                    .baseUri(simulator.baseUri())
                    .merchantId(m.mchid())
                    .merchantSerialNumber(m.certificateSerialNo())
                    .merchantPrivateKey(m.privateKey().orElseThrow(() -> new IllegalStateException(
                            "merchant " + m.mchid() + " has no private key; give the simulator a generated merchant")))
                    .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey());
            clientCustomizer.accept(cb);
            NotificationParser parser = NotificationParser.builder()
                    .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKey())
                    .apiV3Key(m.apiV3Key())
                    .build();
            return new Started(simulator, cb.build(), parser);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static String key(ExtensionContext classContext) {
        return "simulator:" + classContext.getUniqueId();
    }

    /** Configures a {@link WechatPaySimulatorExtension} for {@code @RegisterExtension}. Not thread-safe. */
    public static final class Builder {
        private Consumer<WechatPaySimulator.Builder> simulator = b -> { };
        private Consumer<WechatPayClient.Builder> client = b -> { };

        private Builder() {
        }

        /** Adjusts each simulator before it starts (spec, clock, retry delays, merchants...). */
        public Builder simulator(Consumer<WechatPaySimulator.Builder> customizer) {
            this.simulator = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Adjusts the injected client before it is built (timeouts, interceptors, clock...). */
        public Builder client(Consumer<WechatPayClient.Builder> customizer) {
            this.client = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        public WechatPaySimulatorExtension build() {
            return new WechatPaySimulatorExtension(simulator, client);
        }
    }
}
