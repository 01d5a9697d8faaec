package dev.wxpay.codegen.model;

import java.util.List;

/**
 * The client index of one generated package: the resource {@code META-INF/wxpay/clients/<package>.properties} that
 * lists the classes an application can construct from a {@code WechatPayClient} alone (API classes and the call
 * chain's root), so that frameworks such as the Spring Boot starter can offer them as beans without the generated
 * code depending on them. Immutable and thread-safe.
 *
 * @param resourcePath where the resource is written, relative to the output directory ('/'-separated)
 * @param format       the version of the index format ({@value #FORMAT}); readers refuse a newer one
 * @param packageName  the generated client's root package
 * @param entries      the classes, sorted by qualified name
 */
public record ClientIndexModel(String resourcePath, int format, String packageName, List<Entry> entries) {
    /**
     * The format this generator writes: {@code <qualified class name>=<kind>} lines, kinds {@code api} and
     * {@code chain-root}.
     */
    public static final int FORMAT = 1;
    /** The class path folder of every client index. */
    public static final String FOLDER = "META-INF/wxpay/clients/";

    public ClientIndexModel {
        entries = List.copyOf(entries);
    }

    /**
     * One class: {@code kind} is {@code api} (a class per tag) or {@code chain-root} (the root of the call chain);
     * both have a public constructor taking only the {@code WechatPayClient}.
     */
    public record Entry(String qualifiedName, String kind) {
    }
}
