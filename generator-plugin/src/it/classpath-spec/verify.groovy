def out = new File(basedir, 'target/generated-sources/wxpay/com/example/fromjar')
assert new File(out, 'api/PlansApi.java').isFile()
assert new File(out, 'model/CreatePlanRequest.java').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('wxpay-codegen: 3 operations, 2 models')
return true
