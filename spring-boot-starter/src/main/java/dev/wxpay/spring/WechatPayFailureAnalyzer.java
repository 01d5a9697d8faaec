package dev.wxpay.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link WechatPayConfigurationException} anywhere in a startup failure into Spring Boot's
 * "APPLICATION FAILED TO START" report: the property, what was found and what to do. Stateless and thread-safe.
 */
public class WechatPayFailureAnalyzer extends AbstractFailureAnalyzer<WechatPayConfigurationException> {

    /** Creates the analyzer; Spring Boot instantiates it from {@code META-INF/spring.factories}. */
    public WechatPayFailureAnalyzer() {
        // Nothing to hold: every analysis comes from the exception alone.
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WechatPayConfigurationException cause) {
        String description = "WeChat Pay is not configured correctly.\n\n    Property: " + cause.property()
                + "\n    Found:    " + cause.found();
        return new FailureAnalysis(description, cause.action(), cause);
    }
}
