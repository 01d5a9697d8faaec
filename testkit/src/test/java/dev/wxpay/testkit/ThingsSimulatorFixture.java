package dev.wxpay.testkit;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the test classes that talk to one simulator serving the small {@code things} spec as one merchant:
 * started before the class, closed after it, its faults and request log cleared before each test. Not thread-safe;
 * the tests of a class run one at a time.
 */
abstract class ThingsSimulatorFixture {

    static WechatPaySimulator simulator;
    static MerchantCalls merchant;

    @BeforeAll
    static void startThingsSimulator() {
        simulator = TestKeys.thingsSimulator().start();
        merchant = new MerchantCalls(simulator, Clock.systemUTC());
    }

    @AfterAll
    static void stopThingsSimulator() {
        simulator.close();
    }

    @BeforeEach
    void resetThingsSimulator() {
        simulator.faults().clear();
        simulator.clearRequests();
    }
}
