package dev.wxpay.spring;

import dev.wxpay.runtime.WechatPayClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The generated classes an application can have injected: every API class and call-chain root listed by the client
 * indexes the wxpay generator puts into the client jars ({@code META-INF/wxpay/clients/<package>.properties},
 * format {@value #FORMAT}: {@code <qualified class name>=api|chain-root}, each with a public constructor taking only
 * a {@link WechatPayClient}). Immutable once read; thread-safe.
 */
final class ClientIndex {
    /** The index format this starter reads. */
    static final int FORMAT = 1;
    /** Where the generator puts the indexes. */
    static final String PATTERN = "classpath*:META-INF/wxpay/clients/*.properties";

    /** One injectable class, and the index that listed it (named in errors). */
    record Entry(Class<?> type, Constructor<?> constructor, String index) {
        /** Constructs the class for {@code client}. */
        Object create(WechatPayClient client) {
            try {
                return constructor.newInstance(client);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create " + type.getName() + " (listed in " + index + "): "
                        + e, e);
            }
        }
    }

    private final List<Entry> entries;

    private ClientIndex(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /**
     * Reads every index on {@code classLoader}'s class path.
     *
     * @throws IllegalStateException naming the index when it cannot be read, has another format, or lists a class
     *                               that is missing or has no public constructor taking a {@code WechatPayClient}
     */
    static ClientIndex read(ClassLoader classLoader) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(classLoader).getResources(PATTERN);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the wxpay client indexes (" + PATTERN + "): " + e, e);
        }
        // By class name: the same index may be on the class path twice (a jar and an exploded copy).
        Map<String, Entry> byName = new TreeMap<>();
        for (Resource resource : resources) {
            String where = resource.getDescription();
            Properties index = load(resource, where);
            String format = index.getProperty("format");
            if (!String.valueOf(FORMAT).equals(format)) {
                throw new IllegalStateException("The wxpay client index " + where + " has format " + format
                        + "; this wxpay-spring-boot-starter reads format " + FORMAT + ": use the starter of the same"
                        + " release as the wxpay-maven-plugin that generated the client");
            }
            for (String name : index.stringPropertyNames()) {
                if (name.indexOf('.') >= 0) { // keys without a dot are settings (format, package)
                    byName.computeIfAbsent(name, n -> entry(n, index.getProperty(n), classLoader, where));
                }
            }
        }
        return new ClientIndex(new ArrayList<>(byName.values()));
    }

    private static Properties load(Resource resource, String where) {
        Properties index = new Properties();
        try (InputStream in = resource.getInputStream();
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            index.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read the wxpay client index " + where + ": " + e, e);
        }
        return index;
    }

    private static Entry entry(String className, String kind, ClassLoader classLoader, String where) {
        if (!"api".equals(kind) && !"chain-root".equals(kind)) {
            throw new IllegalStateException("The wxpay client index " + where + " lists " + className + " as \""
                    + kind + "\"; format " + FORMAT + " knows api and chain-root");
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("The wxpay client index " + where + " lists " + className
                    + ", which is not on the class path: regenerate the client (a stale index?)", e);
        }
        try {
            return new Entry(type, type.getConstructor(WechatPayClient.class), where);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("The wxpay client index " + where + " lists " + className
                    + ", which has no public constructor taking a WechatPayClient", e);
        }
    }

    /** @return the classes, sorted by qualified name */
    List<Entry> entries() {
        return entries;
    }
}
