assert !new File(basedir, 'target/generated-sources/wxpay').exists()
assert new File(basedir, 'build.log').text.contains('wxpay-codegen: skipped (wxpay.skip)')
return true
