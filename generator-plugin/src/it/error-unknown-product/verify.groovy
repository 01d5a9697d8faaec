def log = new File(basedir, 'build.log').text
// The misspelt product is named, with the nearest real products first (edit distance over the bundled index).
assert log.contains('product "refnd" is not in the bundled spec; closest: refund')
assert !new File(basedir, 'target/generated-sources/wxpay').exists()
return true
