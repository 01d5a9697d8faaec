def out = new File(basedir, 'target/generated-sources/wxpay/com/example/wx')
def pay = new File(out, 'pay/api/TransactionsApi.java').text
// Exactly the operations the patterns match: the two POSTs under /v3/pay/transactions/, not the GET by id, and
// the refund creation, not the refund query.
assert pay.contains('jsapiPrepay(')
assert pay.contains('appPrepay(')
assert !pay.contains('queryOrderById(')
def refund = new File(out, 'refund/api/RefundsApi.java').text
assert refund.contains('createRefund(')
assert !refund.contains('queryRefund(')
def models = new File(out, 'pay/model').list().sort()
assert models == ['Amount.java', 'AppPrepayRequest.java', 'JsapiPrepayRequest.java', 'PrepayResponse.java'] : models
assert new File(out, 'Wxpay.java').isFile()
assert new File(basedir, 'target/classes/com/example/wx/pay/api/TransactionsApi.class').isFile()
assert new File(basedir, 'target/classes/com/example/wx/refund/api/RefundsApi.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('wxpay-codegen: includes/excludes keep 3 of 5 operations')
assert log.contains('wxpay-codegen: 2 products, 3 operations, 6 models')
assert !log.contains('[ERROR]')
return true
