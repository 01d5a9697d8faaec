package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A notification a product wants delivered: what happened ({@code event_type}, {@code summary}), the resource in
 * plain text and how WeChat Pay labels it ({@code original_type}, {@code associated_data}), whose it is and where it
 * goes. {@link Notifier} encrypts, signs and delivers it. Immutable once made (the resource is copied).
 */
record Notice(String eventType, String summary, String originalType, String associatedData, String mchid,
              String notifyUrl, ObjectNode resource) {

    Notice {
        resource = resource.deepCopy();
    }
}
