def out = new File(basedir, 'target/generated-sources/wxpay/com/example/wx')
def api = new File(out, 'api/TransactionsApi.java').text
// Exactly the operations the pattern matches: the two POSTs under /v3/pay/transactions/, not the GET by id.
assert api.contains('jsapiPrepay(')
assert api.contains('appPrepay(')
assert !api.contains('queryOrderById(')
def models = new File(out, 'model').list().sort()
assert models == ['Amount.java', 'AppPrepayRequest.java', 'JsapiPrepayRequest.java', 'PrepayResponse.java'] : models
assert new File(basedir, 'target/classes/com/example/wx/api/TransactionsApi.class').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('wxpay-codegen: includes/excludes keep 2 of 3 operations')
assert log.contains('wxpay-codegen: 2 operations, 4 models')
assert !log.contains('[ERROR]')
return true
