def out = new File(basedir, 'target/generated-sources/wxpay/com/example/wx')
// Exactly the operations the patterns match: the POSTs directly under /v3/pay/transactions/ (the curated prepays
// among them), not the queries or the close below them, and the refund creation, not the refund query.
def jsapi = new File(out, 'pay/api/JsapiApi.java').text
assert jsapi.contains('jsapiPrepay(')
assert new File(out, 'pay/api/NativeApi.java').text.contains('nativePrepay(')
assert !new File(out, 'pay/api/TransactionsApi.java').exists()   // queryOrderById, closeOrder: not matched
def refund = new File(out, 'refund/api/RefundsApi.java').text
assert refund.contains('createRefund(')
assert !refund.contains('queryRefundByOutRefundNo(')
def payApis = new File(out, 'pay/api').list().sort()
payApis.each { f ->
    def text = new File(out, "pay/api/$f").text
    // Every kept pay operation is a POST whose path is one segment below /v3/pay/transactions/.
    (text =~ /\{@code (GET|POST|PUT|PATCH|DELETE) (\/v3\/[^}]*)\}/).each { m ->
        assert m[1] == 'POST' && m[2] ==~ /\/v3\/pay\/transactions\/[^\/]+/ : "$f: ${m[0]}"
    }
}
assert new File(out, 'Wxpay.java').isFile()
assert new File(basedir, 'target/classes/com/example/wx/pay/api/JsapiApi.class').isFile()
assert new File(basedir, 'target/classes/com/example/wx/refund/api/RefundsApi.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('wxpay-codegen: includes/excludes keep ')
assert log.contains('wxpay-codegen: 2 products, ')
assert !log.contains('[ERROR]')
return true
