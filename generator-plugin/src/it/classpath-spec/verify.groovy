def out = new File(basedir, 'target/generated-sources/wxpay/com/example/fromjar')
assert new File(out, 'api/PlansApi.java').isFile()
assert new File(out, 'model/CreatePlanRequest.java').isFile()
// The client index beside the sources, for frameworks such as the Spring Boot starter
def index = new File(basedir, 'target/generated-sources/wxpay/META-INF/wxpay/clients/com.example.fromjar.properties')
assert index.text.contains('\ncom.example.fromjar.api.PlansApi=api\n')
def log = new File(basedir, 'build.log').text
assert log.contains('wxpay-codegen: 3 operations, 2 models')
return true
