package dev.wxpay.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * WeChat Pay's sensitive-field encryption (敏感信息加密), and the Jackson wiring that applies it to every model field
 * annotated {@link SensitiveField}: on the way out a field is encrypted with RSA/ECB/OAEPWithSHA-1AndMGF1Padding under
 * the WeChat Pay key of the call (handed to the serialiser as the writer attribute {@link #KEY_ATTRIBUTE}, so the
 * {@code Wechatpay-Serial} of the request always names the key that was used); on the way in a field is decrypted
 * with the merchant private key.
 *
 * <p>Messages of the exceptions thrown here name the field through Jackson's path, never its value. Immutable and
 * thread-safe (a {@link Cipher} per call: they are not thread-safe and cheap to get).
 */
final class SensitiveFields {
    /** The writer attribute carrying the {@link TrustStore.EncryptionKey} of one request. */
    static final Object KEY_ATTRIBUTE = TrustStore.EncryptionKey.class;
    static final String TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private final PrivateKey merchantKey;

    /** @param merchantKey the merchant private key that decrypts answer fields, or null when none is configured */
    SensitiveFields(PrivateKey merchantKey) {
        this.merchantKey = merchantKey;
    }

    /** Encrypts UTF-8 plaintext for WeChat Pay; returns Base64. */
    static String encrypt(String plaintext, PublicKey key) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // IllegalBlockSizeException names no plaintext, but its cause chain is dropped anyway to be sure
            throw new WechatPayException("sensitive field could not be encrypted (" + e.getClass().getSimpleName()
                    + "; RSA-2048 OAEP takes at most 214 bytes of UTF-8)", null);
        }
    }

    /** Decrypts Base64 ciphertext encrypted to the merchant's key. */
    String decrypt(String ciphertext) {
        if (merchantKey == null) {
            throw new DecryptionException("a sensitive field cannot be decrypted: no merchant private key is"
                    + " configured (merchantPrivateKey)", null);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext.trim());
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("a sensitive field is not Base64 ciphertext", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, merchantKey);
            return new String(cipher.doFinal(data), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new DecryptionException("a sensitive field does not decrypt with the merchant private key ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    /** A copy of {@code mapper} that encrypts and decrypts {@link SensitiveField}s. */
    ObjectMapper install(ObjectMapper mapper) {
        return mapper.copy().registerModule(new Module(this));
    }

    /** Registers {@link Introspector} ahead of the mapper's own, so it wins for annotated fields. */
    private static final class Module extends SimpleModule {
        private static final long serialVersionUID = 1L;
        private final transient SensitiveFields fields;

        Module(SensitiveFields fields) {
            super("wxpay-sensitive-fields", Version.unknownVersion());
            this.fields = fields;
        }

        @Override
        public void setupModule(SetupContext context) {
            super.setupModule(context);
            context.insertAnnotationIntrospector(new Introspector(new Encrypting(), new Decrypting(fields)));
        }
    }

    /** Chooses the encrypting serialiser and decrypting deserialiser for fields annotated {@link SensitiveField}. */
    private static final class Introspector extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;
        private final transient Encrypting serializer;
        private final transient Decrypting deserializer;

        Introspector(Encrypting serializer, Decrypting deserializer) {
            this.serializer = serializer;
            this.deserializer = deserializer;
        }

        @Override
        public Object findSerializer(Annotated annotated) {
            return annotated.hasAnnotation(SensitiveField.class) ? serializer : null;
        }

        @Override
        public Object findDeserializer(Annotated annotated) {
            return annotated.hasAnnotation(SensitiveField.class) ? deserializer : null;
        }
    }

    /** Writes a sensitive field as Base64 ciphertext under the request's encryption key. */
    private static final class Encrypting extends StdSerializer<Object> {
        private static final long serialVersionUID = 1L;

        Encrypting() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (!(value instanceof String)) {
                throw JsonMappingException.from(provider, "a @SensitiveField must be a String, got "
                        + value.getClass().getSimpleName());
            }
            Object key = provider.getAttribute(KEY_ATTRIBUTE);
            if (!(key instanceof TrustStore.EncryptionKey)) {
                throw JsonMappingException.from(provider, "a @SensitiveField can only be written by WechatPayClient,"
                        + " which encrypts it for WeChat Pay");
            }
            try {
                gen.writeString(encrypt((String) value, ((TrustStore.EncryptionKey) key).key));
            } catch (WechatPayException e) {
                throw JsonMappingException.from(provider, "field '" + gen.getOutputContext().getCurrentName()
                        + "': " + e.getMessage());
            }
        }
    }

    /** Reads a sensitive field's Base64 ciphertext and returns its plaintext. */
    private static final class Decrypting extends StdDeserializer<String> {
        private static final long serialVersionUID = 1L;
        private final transient SensitiveFields fields;

        Decrypting(SensitiveFields fields) {
            super(String.class);
            this.fields = fields;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String ciphertext = p.getText();
            if (ciphertext.isEmpty()) {
                return ciphertext; // WeChat Pay sends "" for a value it does not have
            }
            try {
                return fields.decrypt(ciphertext);
            } catch (DecryptionException e) {
                throw JsonMappingException.from(p, "field '" + p.currentName() + "': " + e.getMessage());
            }
        }
    }
}
