def log = new File(basedir, 'build.log').text
assert log.contains('product "refnd" is not in the bundled spec; closest: refund, pay')
assert !new File(basedir, 'target/generated-sources/wxpay').exists()
return true
