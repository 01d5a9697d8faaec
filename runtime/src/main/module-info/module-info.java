/**
 * The wxpay-codegen runtime: signing, verifying, transport, notifications and errors for WeChat Pay APIv3 clients.
 *
 * <p>A real module, so a modular application gets what the runtime needs resolved ({@code java.net.http} and
 * Jackson) by requiring it alone. One package is exported; the machinery in it is package-private.
 */
module dev.wxpay.runtime {
    requires transitive java.net.http;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.wxpay.runtime;
}
