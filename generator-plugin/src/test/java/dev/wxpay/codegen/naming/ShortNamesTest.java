package dev.wxpay.codegen.naming;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Shortening class names that are too long")
class ShortNamesTest {
    @Test
    @DisplayName("a name within the limit is kept as it is")
    void keepsShortNames() {
        assertThat(ShortNames.shorten("JsapiPrepayRequest", 50)).isEqualTo("JsapiPrepayRequest");
        assertThat(ShortNames.shorten("A".repeat(50), 50)).hasSize(50);
    }

    @Test
    @DisplayName("a long name keeps its first word and as many last words as fit, dropping the middle")
    void dropsMiddleWords() {
        assertThat(ShortNames.shorten("CreatePartnerUserSignPlanRequestSignPlanDetailItem", 30))
                .isEqualTo("CreateSignPlanDetailItem");
        assertThat(ShortNames.shorten("V3PayscoreSignPlanPartnerUserSignPlansMerchantSignPlanNo", 50))
                .isEqualTo("V3SignPlanPartnerUserSignPlansMerchantSignPlanNo");
    }

    @Test
    @DisplayName("a name whose first and last words alone are too long is cut at the limit")
    void cutsWhenWordsDoNotFit() {
        assertThat(ShortNames.shorten("Abcdefghijklmnopqrstuvwxyz" + "Zyxwvutsrqponmlkjihgfedcba", 30))
                .isEqualTo("AbcdefghijklmnopqrstuvwxyzZyxw");
    }

    @Test
    @DisplayName("the room for a name shrinks when the package path is long, so the file path stays within 120")
    void pathLimit() {
        assertThat(ShortNames.maxSimpleName("com.example.wx.pay.model")).isEqualTo(50);
        String deep = "com.example.some.very.deep.company.packages.name.wx.new_tax_control_fapiao.model";
        int max = ShortNames.maxSimpleName(deep);
        assertThat(deep.length() + 1 + max + ".java".length()).isEqualTo(ShortNames.MAX_PATH);
    }

    @Test
    @DisplayName("two long names that shorten alike get distinct names that both fit")
    void clashesStayWithinTheLimit() {
        NameAllocator names = new NameAllocator();
        String a = ShortNames.allocate(names, "CreateOneVeryLongMiddlePartDetailItem", "a", 20);
        String b = ShortNames.allocate(names, "CreateAnotherLongMiddlePartDetailItem", "b", 20);
        String c = ShortNames.allocate(names, "CreateYetAnotherMiddlePartDetailItem", "c", 20);
        assertThat(a).isEqualTo("CreatePartDetailItem");
        assertThat(b).isEqualTo("CreateDetailItem2");
        assertThat(c).isEqualTo("CreateDetailItem3");
        assertThat(ShortNames.allocate(names, "CreateOneVeryLongMiddlePartDetailItem", "a", 20)).isEqualTo(a);
    }
}
