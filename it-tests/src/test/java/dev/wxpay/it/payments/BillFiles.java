package dev.wxpay.it.payments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a downloaded trade bill into its rows (the runtime's downloadBill fetched and checked it). Stateless. */
final class BillFiles {

    private BillFiles() {
    }

    /** The transaction rows of a trade bill: between the header row and the summary header, backquotes removed. */
    static List<List<String>> tradeRows(byte[] bill) {
        String[] lines = new String(bill, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r?\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].startsWith("总交易单数"); i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : lines[i].split(",", -1)) {
                fields.add(field.startsWith("`") ? field.substring(1) : field);
            }
            rows.add(fields);
        }
        return rows;
    }
}
