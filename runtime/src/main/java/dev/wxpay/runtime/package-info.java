/** The hand-written core every generated WeChat Pay client calls through. */
package dev.wxpay.runtime;
