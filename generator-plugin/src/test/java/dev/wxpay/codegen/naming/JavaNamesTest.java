package dev.wxpay.codegen.naming;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Java spellings of spec names")
class JavaNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "sub_mchid, subMchid",
            "sign-plan, signPlan",
            "user-sign-plans, userSignPlans",
            "merchant_sign_plan_no, merchantSignPlanNo",
            "v3, v3",
            "signPlan, signPlan",
            "HTTPServer, httpServer",
            "total_original_price, totalOriginalPrice",
    })
    @DisplayName("snake, kebab and camel spellings become lower camel case")
    void camel(String spelling, String expected) {
        assertThat(JavaNames.camel(spelling)).isEqualTo(expected);
    }

    @Test
    @DisplayName("tags and paths become upper camel case")
    void pascal() {
        assertThat(JavaNames.pascal("PartnerUserSignPlans")).isEqualTo("PartnerUserSignPlans");
        assertThat(JavaNames.pascal("user-sign-plans")).isEqualTo("UserSignPlans");
    }

    @Test
    @DisplayName("a spelling without ASCII words (a Chinese tag) gives no name, never a garbled one")
    void chineseGivesNothing() {
        assertThat(JavaNames.pascal("支付分∙签约计划")).isEmpty();
        assertThat(JavaNames.words("支付分 plan")).containsExactly("plan");
    }

    @Test
    @DisplayName("event types become constant names")
    void constants() {
        assertThat(JavaNames.constant("PAYSCORE.USER_SIGN_PLAN")).isEqualTo("PAYSCORE_USER_SIGN_PLAN");
        assertThat(JavaNames.constant("notifyPartnerUserSignPlan")).isEqualTo("NOTIFY_PARTNER_USER_SIGN_PLAN");
    }

    @Test
    @DisplayName("keywords get a suffix and leading digits a prefix")
    void safeIdentifiers() {
        assertThat(JavaNames.safeIdentifier("package", "Value")).isEqualTo("packageValue");
        assertThat(JavaNames.safeIdentifier("default", "Segment")).isEqualTo("defaultSegment");
        assertThat(JavaNames.safeIdentifier("3ds", "Value")).isEqualTo("_3ds");
        assertThat(JavaNames.safeIdentifier("serviceId", "Value")).isEqualTo("serviceId");
        assertThatThrownBy(() -> JavaNames.safeIdentifier("", "Value")).hasMessageContaining("candidate");
    }

    @Test
    @DisplayName("text for comments cannot close the comment or start a unicode escape")
    void javadocEscaping() {
        assertThat(JavaText.javadocInline("a */ b \\u0041 <x> & y")).isEqualTo("a &#42;/ b &#92;u0041 &lt;x&gt; &amp; y");
        assertThat(JavaText.javadocLines("@since\nsecond")).containsExactly(" {@literal @}since", " second");
        assertThat(JavaText.stringContent("a\"b\\c\n")).isEqualTo("a\\\"b\\\\c\\n");
    }

    @Test
    @DisplayName("colliding names get a deterministic suffix, and reserved names are never handed out")
    void allocator() {
        NameAllocator names = new NameAllocator().reserve("getClass");
        assertThat(names.newName("subMchid", "sub_mchid")).isEqualTo("subMchid");
        assertThat(names.newName("subMchid", "subMchid")).isEqualTo("subMchidValue");
        assertThat(names.newName("subMchid", "sub-mchid")).isEqualTo("subMchid2");
        assertThat(names.newName("getClass", "x")).isEqualTo("getClassValue");
        assertThat(names.newName("anything", "sub_mchid")).isEqualTo("subMchid");
        assertThat(names.get("subMchid")).isEqualTo("subMchidValue");
    }
}
