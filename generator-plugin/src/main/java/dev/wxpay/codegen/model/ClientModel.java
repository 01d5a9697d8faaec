package dev.wxpay.codegen.model;

import java.util.List;
import java.util.Optional;

/**
 * The whole intermediate model of one generated client: everything the templates print, with every name and
 * type decided. Can be dumped as JSON for debugging. Immutable and thread-safe.
 *
 * @param specName      the spec's file name (no directory), printed in headers
 * @param packageName   the root package
 * @param schemas       model classes, sorted by class name
 * @param apis          API classes, sorted by class name
 * @param validation    the request validation class of the API package
 * @param chain         the root class first, then path nodes sorted by class name
 * @param notifications the notifications class, absent when the spec has no {@code x-wxpay-notification}
 * @param skipped       operations left out (lenient mode), sorted, each with its reason
 */
public record ClientModel(String specName, String packageName, List<SchemaModel> schemas, List<ApiClassModel> apis,
                          ValidationModel validation, List<ChainNodeModel> chain,
                          Optional<NotificationsModel> notifications, List<Skipped> skipped) {
    public ClientModel {
        schemas = List.copyOf(schemas);
        apis = List.copyOf(apis);
        chain = List.copyOf(chain);
        skipped = List.copyOf(skipped);
    }

    /** An operation or schema that was not generated, and why. */
    public record Skipped(String where, String reason) {
    }
}
