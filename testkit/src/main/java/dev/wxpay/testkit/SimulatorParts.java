package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The collaborators of one {@link WechatPaySimulator}, wired from its builder's settings: keys and merchants, the
 * products' state, faults, certificates, signing, notifications, the request log and the router that serves HTTP.
 * The facade only delegates to these. Immutable after wiring; each part is thread-safe.
 */
final class SimulatorParts {

    final SimulatorSpec spec;
    final KeyPair platformKey;
    final Map<String, SimulatedMerchant> merchants;
    final PayscoreState payscore;
    final PaymentsState payments;
    final FaultInjector faults;
    final ControlEndpoints controls;
    final NotificationSender notifications;
    final PlatformCertificateDesk certificates;
    final AnswerSigner signer;
    final Notifier notifier;
    final RequestLog log = new RequestLog();
    final SimulatorRouter router;

    /** @param baseUri the simulator's base URI once it listens (bills link their downloads to it) */
    SimulatorParts(WechatPaySimulator.Builder b, Supplier<URI> baseUri) {
        Clock clock = b.clock;
        SecureRandom random = b.random;
        // RSA key generation and the first Swagger Parser run dominate a cold start: overlap them.
        CompletableFuture<KeyPair> platform = b.platformKey != null ? CompletableFuture.completedFuture(b.platformKey)
                : CompletableFuture.supplyAsync(() -> Crypto.generateRsaKeyPair(random));
        CompletableFuture<SimulatedMerchant> generated = !b.merchants.isEmpty() ? null
                : CompletableFuture.supplyAsync(() -> SimulatedMerchant.generate(
                        WechatPaySimulator.Builder.DEFAULT_MCHID, random));
        this.spec = b.spec != null ? b.spec : SimulatorSpec.payscore();
        this.merchants = merchants(b.merchants, generated);
        this.platformKey = platform.join();
        String publicKeyId = b.publicKeyId != null ? b.publicKeyId : "PUB_KEY_ID_01" + Crypto.digits(random, 26);
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.faults = new FaultInjector(spec.operationIds());
        this.notifications = new NotificationSender(b.retryDelays, b.notificationTimeout);
        this.certificates = new PlatformCertificateDesk(clock, random, b.publicKeyOnly);
        this.signer = new AnswerSigner(platformKey, publicKeyId, certificates, clock, random);
        this.notifier = new Notifier(merchants, clock, random, notifications, signer::notificationHeaders);
        this.payscore = new PayscoreState(clock, random, notifier, b.emptyUnsetDateTimes);
        this.payments = new PaymentsState(clock, random, notifier,
                new PaymentRefunds(clock, random, b.refundsSucceedAtOnce), new PaymentBills(clock, random, baseUri));
        // One door per product; a new product is one more entry here.
        List<ProductDoor> doors = b.specAnswersOnly ? List.of() : List.of(payscore, payments);
        this.controls = new ControlEndpoints(mapper, new FaultControl(faults), doors);
        this.router = new SimulatorRouter(spec, random, merchants,
                new RequestAuthenticator(merchants, clock, b.timestampWindow),
                new SpecRequestValidator(mapper, signer::privateKeyFor), mapper, faults, certificates, signer,
                controls, doors, log);
    }

    /** The given merchants in order, else the generated one; a mchid given twice is refused. */
    private static Map<String, SimulatedMerchant> merchants(List<SimulatedMerchant> given,
                                                            CompletableFuture<SimulatedMerchant> generated) {
        Map<String, SimulatedMerchant> known = new LinkedHashMap<>();
        for (SimulatedMerchant m : given) {
            if (known.put(m.mchid(), m) != null) {
                throw new IllegalArgumentException("merchant " + m.mchid() + " given twice");
            }
        }
        if (generated != null) {
            SimulatedMerchant m = generated.join();
            known.put(m.mchid(), m);
        }
        return Collections.unmodifiableMap(known);
    }
}
