package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored PayScore object (plan or sign plan) and who owns it: the calling mchid, and the sub-merchant in partner
 * mode ({@code subMchid} null in direct mode). The node is mutable state, guarded by {@link PayscoreState}'s lock.
 */
record PayscoreOwned(String mchid, String subMchid, ObjectNode node) {

    boolean partner() {
        return subMchid != null;
    }

    /** Whether a call in this mode, by this merchant (and for this sub-merchant in partner mode), may see it. */
    boolean ownedBy(String callerMchid, boolean partnerCall, String callerSubMchid) {
        return mchid.equals(callerMchid) && partner() == partnerCall
                && (!partnerCall || subMchid.equals(callerSubMchid));
    }
}
