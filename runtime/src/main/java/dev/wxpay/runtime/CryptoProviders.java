package dev.wxpay.runtime;

import java.lang.reflect.Field;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;

/**
 * Chooses the JCA provider for SHA256withRSA. RSA-2048 signing is most of a signed call's CPU, and a native
 * provider signs 1.5–2.5× faster than the JDK, so one is used when configured or present; otherwise the JDK's.
 */
final class CryptoProviders {
    static final String ALGORITHM = "SHA256withRSA";
    /** Amazon Corretto Crypto Provider: looked up by name and class, without a compile dependency. */
    static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private CryptoProviders() {
    }

    /**
     * The provider to use: the explicit one when given (it must offer SHA256withRSA), else a usable native provider
     * found by name in {@link Security} or on the class path, else the JDK's default for SHA256withRSA.
     */
    static Provider resolve(Provider explicit) {
        if (explicit != null) {
            return explicit;
        }
        Provider fast = usable(Security.getProvider(ACCP_NAME));
        if (fast == null) {
            fast = usable(accpFromClassPath());
        }
        return fast != null ? fast : jdkDefault();
    }

    static Provider jdkDefault() {
        try {
            return Signature.getInstance(ALGORITHM).getProvider();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no " + ALGORITHM + " implementation", e);
        }
    }

    private static Provider accpFromClassPath() {
        try {
            Class<?> type = Class.forName(ACCP_CLASS, true, CryptoProviders.class.getClassLoader());
            Field instance = type.getField("INSTANCE");
            Object value = instance.get(null);
            return value instanceof Provider ? (Provider) value : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // absent or its native library cannot load on this platform: use the JDK
        }
    }

    /** The provider if it can really create and initialise a SHA256withRSA signer here, else null. */
    private static Provider usable(Provider provider) {
        if (provider == null || provider.getService("Signature", ALGORITHM) == null) {
            return null;
        }
        try {
            Signature.getInstance(ALGORITHM, provider);
            return provider;
        } catch (NoSuchAlgorithmException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Converts a key once into the provider's own representation, so no per-call conversion happens. */
    static PrivateKey translate(PrivateKey key, Provider provider) {
        Key translated = translateKey(key, provider);
        return translated instanceof PrivateKey ? (PrivateKey) translated : key;
    }

    static PublicKey translate(PublicKey key, Provider provider) {
        Key translated = translateKey(key, provider);
        return translated instanceof PublicKey ? (PublicKey) translated : key;
    }

    private static Key translateKey(Key key, Provider provider) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (Exception | LinkageError e) {
            return key; // the provider keeps its own conversion; correctness does not depend on this
        }
    }
}
