package dev.wxpay.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * WeChat Pay platform certificates that keep themselves current: downloaded from {@code GET /v3/certificates} when
 * the client is built, then again every {@link #DEFAULT_REFRESH_INTERVAL} (configurable) and at once when an answer
 * or notification names a serial not yet known (at most once per {@link #ON_DEMAND_INTERVAL}). Created by
 * {@link WechatPayClient.Builder#autoPlatformCertificates}; obtain it with
 * {@link WechatPayClient#platformCertificates()} and hand it to
 * {@link NotificationParser.Builder#platformCertificates} so notifications share the same set.
 *
 * <p>A download is adopted only when every certificate in it decrypts with the APIv3 key (AEAD), and its own
 * signature verifies with a certificate it lists or with a key already trusted; of its certificates, those valid on
 * the client's clock are added, and every adopted certificate still valid is kept (so answers signed with the old
 * certificate keep verifying during a rotation). A failed refresh keeps the current set, is logged
 * ({@code System.Logger} {@code dev.wxpay.runtime.PlatformCertificates}) and reported to the {@link Listener}, and is
 * never thrown into an unrelated call.
 *
 * <p>Thread-safe. It owns one daemon thread ({@code wxpay-<mchid>-certificates}), which ends when the client that
 * created it is closed; after that the set stays as it was.
 */
public final class PlatformCertificates {
    /** How often the set is downloaded again by default. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(12);
    /** The shortest time between two downloads caused by unknown serials (on the client's clock). */
    public static final Duration ON_DEMAND_INTERVAL = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(PlatformCertificates.class.getName());

    /**
     * Told about every refresh. Called on the thread that refreshed (the refresh thread, or a caller whose answer
     * named an unknown serial): keep it short. What it throws is logged and otherwise ignored.
     */
    public interface Listener {
        /** A download was adopted; {@code serials} are the certificates trusted now. */
        default void refreshed(Set<String> serials) {
        }

        /** A download failed or was refused; the previous set stays in use. */
        default void refreshFailed(WechatPayException failure) {
        }
    }

    private final Supplier<WireResponse> download;
    private final AesGcm aesGcm;
    private final Clock clock;
    private final Map<String, PublicKey> configuredKeys;
    private final Provider provider;
    private final ObjectMapper mapper;
    private final Listener listener;
    private final Duration interval;
    private final OwnedThreads threads;
    private final Object lock = new Object();
    private volatile List<X509Certificate> current = List.of();
    private Instant lastAttempt; // guarded by lock
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closed;

    PlatformCertificates(Supplier<WireResponse> download, AesGcm aesGcm, Clock clock,
            Map<String, PublicKey> configuredKeys, Provider provider, ObjectMapper mapper, Listener listener,
            Duration interval, String merchantId) {
        this.download = download;
        this.aesGcm = aesGcm;
        this.clock = clock;
        this.configuredKeys = Map.copyOf(configuredKeys);
        this.provider = provider;
        this.mapper = mapper;
        this.listener = listener;
        this.interval = interval;
        this.threads = new OwnedThreads("wxpay-" + merchantId + "-certificates", false);
    }

    /** The certificates trusted now, ordered by serial. */
    public List<X509Certificate> certificates() {
        return current;
    }

    /** The serials of {@link #certificates()}, in the same order. */
    public Set<String> serials() {
        Set<String> serials = new LinkedHashSet<>();
        for (X509Certificate certificate : current) {
            serials.add(PemKeys.serialNumber(certificate));
        }
        return serials;
    }

    /**
     * Downloads and adopts the set now, for example after WeChat Pay announced a rotation.
     *
     * @throws WechatPayException when the download fails or is refused (the previous set stays; the listener is told)
     */
    public void refresh() {
        synchronized (lock) {
            lastAttempt = clock.instant();
            try {
                adopt(CertificateDownload.check(download.get(), aesGcm, clock.instant(), trustedKeys(), provider,
                        mapper));
            } catch (WechatPayException e) {
                report(e);
                throw e;
            } catch (RuntimeException e) {
                WechatPayException failure = new WechatPayException("platform certificate refresh failed: " + e, e);
                report(failure);
                throw failure;
            }
        }
    }

    /** This set as the trust store of a client or parser sees it. */
    CertificateSource source() {
        return new CertificateSource() {
            @Override
            public List<X509Certificate> current() {
                return current;
            }

            @Override
            public boolean refreshForUnknownSerial(String serial) {
                return PlatformCertificates.this.refreshForUnknownSerial(serial);
            }
        };
    }

    private boolean refreshForUnknownSerial(String serial) {
        synchronized (lock) {
            if (!knows(serial) && !closed
                    && (lastAttempt == null || !clock.instant().isBefore(lastAttempt.plus(ON_DEMAND_INTERVAL)))) {
                LOG.log(System.Logger.Level.INFO, "WeChat Pay signed with unknown serial {0}: refreshing platform"
                        + " certificates", serial);
                try {
                    refresh();
                } catch (WechatPayException e) {
                    // reported by refresh(); the caller fails on the unknown serial as it would have anyway
                }
            }
            return knows(serial);
        }
    }

    private boolean knows(String serial) {
        String normalised = ResponseVerifier.normalise(serial);
        for (X509Certificate certificate : current) {
            if (ResponseVerifier.normalise(PemKeys.serialNumber(certificate)).equals(normalised)) {
                return true;
            }
        }
        return false;
    }

    /** First download, then the schedule. Called once by the client's {@code build()}. */
    void start() {
        refresh();
        synchronized (lock) {
            if (closed) {
                return;
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
            long millis = interval.toMillis();
            executor.scheduleWithFixedDelay(this::scheduledRefresh, millis, millis, TimeUnit.MILLISECONDS);
            scheduler = executor;
        }
    }

    private void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // reported by refresh(); the schedule goes on with the current set
        }
    }

    /** Stops the refresh thread and waits briefly for a refresh in flight; no thread of this object outlives it. */
    void close() {
        // Not under the lock: a refresh in flight holds it, and shutdownNow() is what interrupts that refresh.
        closed = true;
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    threads.awaitEnd(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, PublicKey> trustedKeys() {
        Map<String, PublicKey> keys = new LinkedHashMap<>(configuredKeys);
        for (X509Certificate certificate : current) {
            keys.putIfAbsent(PemKeys.serialNumber(certificate), certificate.getPublicKey());
        }
        return keys;
    }

    /** Keeps every adopted certificate still valid, adds the downloaded ones; sorted for a stable order. */
    private void adopt(List<X509Certificate> downloaded) {
        Date now = Date.from(clock.instant());
        TreeMap<String, X509Certificate> next = new TreeMap<>();
        for (X509Certificate certificate : current) {
            if (!certificate.getNotAfter().before(now)) {
                next.put(ResponseVerifier.normalise(PemKeys.serialNumber(certificate)), certificate);
            }
        }
        for (X509Certificate certificate : downloaded) {
            next.put(ResponseVerifier.normalise(PemKeys.serialNumber(certificate)), certificate);
        }
        current = List.copyOf(next.values());
        Set<String> serials = serials();
        LOG.log(System.Logger.Level.DEBUG, "platform certificates adopted: {0}", serials);
        try {
            listener.refreshed(serials);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "platform certificate listener failed", e);
        }
    }

    private void report(WechatPayException failure) {
        LOG.log(System.Logger.Level.WARNING, "platform certificate refresh failed; keeping " + serials() + ": "
                + failure.getMessage());
        try {
            listener.refreshFailed(failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "platform certificate listener failed", e);
        }
    }

    @Override
    public String toString() {
        return "PlatformCertificates{serials=" + serials() + ", refreshEvery=" + interval + "}";
    }
}
