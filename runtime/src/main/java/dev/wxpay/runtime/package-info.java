/**
 * The hand-written core every generated WeChat Pay client calls through: {@link dev.wxpay.runtime.WechatPayClient}
 * (signing, transport, response verification, error mapping) with its low-level call API
 * ({@link dev.wxpay.runtime.ApiRequest}, {@link dev.wxpay.runtime.ApiResponse}), {@link
 * dev.wxpay.runtime.Interceptor}s, {@link dev.wxpay.runtime.NotificationParser} for callbacks,
 * {@link dev.wxpay.runtime.PemKeys} for key files, {@link dev.wxpay.runtime.WechatPayJson} for the one Jackson
 * configuration, and the exception family under {@link dev.wxpay.runtime.WechatPayException}.
 *
 * <p>Depends on the JDK ({@code java.net.http}) and Jackson only; holds no static mutable state.
 */
package dev.wxpay.runtime;
