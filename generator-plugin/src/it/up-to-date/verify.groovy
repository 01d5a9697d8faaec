def log = new File(basedir, 'build.log').text
assert log.count('wxpay-codegen: 3 operations, 2 models') == 2
assert log.count('wxpay-codegen: mini.yaml is up to date') == 1
assert new File(basedir, 'target/generated-sources/wxpay/com/example/again/api/PlansApi.java').isFile()
return true
